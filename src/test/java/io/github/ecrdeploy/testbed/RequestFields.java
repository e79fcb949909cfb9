package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the members of one request object and enforces the ECR model constraints (ecr-api.md §2.3)
 * that the SDK does not check client-side, answering {@code InvalidParameterException} in ECR's
 * constraint format.
 */
final class RequestFields {

  static final Pattern REPOSITORY_NAME =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");

  private final ObjectNode body;
  private final String prefix;

  RequestFields(ObjectNode body) {
    this(body, "");
  }

  private RequestFields(ObjectNode body, String prefix) {
    this.body = body;
    this.prefix = prefix;
  }

  ObjectNode body() {
    return body;
  }

  boolean has(String name) {
    return body.hasNonNull(name);
  }

  String path(String name) {
    return prefix + name;
  }

  /** The {@code repositoryName} member: required, 2..256 characters, ECR's name pattern. */
  String repositoryName() {
    String name = requiredString("repositoryName", 2, 256);
    if (!REPOSITORY_NAME.matcher(name).matches()) {
      throw EcrServiceError.invalidParameter(
          path("repositoryName"),
          "must satisfy regular expression '" + REPOSITORY_NAME.pattern() + "'");
    }
    return name;
  }

  /** The optional {@code registryId} member (pattern {@code [0-9]{12}}). */
  Optional<String> registryId() {
    Optional<String> id = optionalString("registryId", 0, Integer.MAX_VALUE);
    id.ifPresent(
        value -> {
          if (!REGISTRY_ID.matcher(value).matches()) {
            throw EcrServiceError.invalidParameter(
                path("registryId"), "Member must satisfy regular expression pattern: [0-9]{12}");
          }
        });
    return id;
  }

  String requiredString(String name, int minLength, int maxLength) {
    return optionalString(name, minLength, maxLength)
        .orElseThrow(() -> EcrServiceError.invalidParameter(path(name), "Member must not be null"));
  }

  Optional<String> optionalString(String name, int minLength, int maxLength) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw serialization(name, "string");
    }
    checkLength(name, node.textValue().length(), minLength, maxLength);
    return Optional.of(node.textValue());
  }

  Optional<String> optionalEnum(String name, List<String> values) {
    Optional<String> value = optionalString(name, 0, Integer.MAX_VALUE);
    value.ifPresent(
        v -> {
          if (!values.contains(v)) {
            throw EcrServiceError.invalidParameter(
                path(name), "Member must satisfy enum value set: " + values);
          }
        });
    return value;
  }

  Optional<Integer> optionalInt(String name, int min, int max) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw serialization(name, "integer");
    }
    int value = node.intValue();
    if (value < min) {
      throw EcrServiceError.invalidParameter(
          path(name), "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw EcrServiceError.invalidParameter(
          path(name), "Member must have value less than or equal to " + max);
    }
    return Optional.of(value);
  }

  Optional<Boolean> optionalBoolean(String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw serialization(name, "boolean");
    }
    return Optional.of(node.booleanValue());
  }

  /**
   * An optional list member with 1-based item-count limits, checked like ECR checks list length.
   */
  Optional<ArrayNode> optionalList(String name, int minItems, int maxItems) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isArray()) {
      throw serialization(name, "list");
    }
    checkLength(name, node.size(), minItems, maxItems);
    return Optional.of((ArrayNode) node);
  }

  ArrayNode requiredList(String name, int minItems, int maxItems) {
    return optionalList(name, minItems, maxItems)
        .orElseThrow(() -> EcrServiceError.invalidParameter(path(name), "Member must not be null"));
  }

  /**
   * A nested structure member, read with the same checks (its field names are reported as {@code
   * outer.inner}).
   */
  Optional<RequestFields> optionalStructure(String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw serialization(name, "structure");
    }
    return Optional.of(new RequestFields((ObjectNode) node, path(name) + "."));
  }

  /**
   * One element of a list of structures, e.g. {@code imageIds[0]} (reported with ECR's member
   * path).
   */
  static RequestFields element(ArrayNode list, int index, String listName) {
    JsonNode node = list.get(index);
    if (!node.isObject()) {
      throw new EcrServiceError(
          "SerializationException", "Expected a structure in '" + listName + "' at index " + index);
    }
    return new RequestFields((ObjectNode) node, listName + "." + (index + 1) + ".member.");
  }

  private void checkLength(String name, int length, int min, int max) {
    if (length < min) {
      throw EcrServiceError.invalidParameter(
          path(name), "Member must have length greater than or equal to " + min);
    }
    if (length > max) {
      throw EcrServiceError.invalidParameter(
          path(name), "Member must have length less than or equal to " + max);
    }
  }

  private EcrServiceError serialization(String name, String expected) {
    return new EcrServiceError(
        "SerializationException", "Expected " + expected + " for '" + path(name) + "'");
  }
}
