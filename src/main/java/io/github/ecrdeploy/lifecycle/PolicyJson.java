package io.github.ecrdeploy.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/** Renders a policy as the JSON text ECR takes ({@code lifecyclePolicyText}). */
public final class PolicyJson {

  /** Reads strictly (no duplicate keys, nothing after the value) and writes compactly. */
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private PolicyJson() {}

  /**
   * The policy as compact JSON, rules ordered by priority, each property in ECR's template order;
   * absent optional fields are left out (ECR rejects {@code null}).
   */
  public static String render(LifecyclePolicy policy) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode rules = root.putArray(JsonRuleLocation.RULES);
    for (LifecycleRule rule : policy.rules()) {
      ObjectNode json = rules.addObject();
      json.put(RuleField.PRIORITY.jsonName(), rule.priority());
      putIfPresent(json, RuleField.DESCRIPTION, rule.description());
      ObjectNode selection = json.putObject(RuleField.SELECTION);
      selection.put(RuleField.TAG_STATUS.jsonName(), rule.tagStatus().json());
      putIfPresent(selection, RuleField.TAG_PATTERNS, rule.tagPatterns());
      putIfPresent(selection, RuleField.TAG_PREFIXES, rule.tagPrefixes());
      putIfPresent(selection, RuleField.STORAGE_CLASS, rule.storageClass());
      selection.put(RuleField.COUNT_TYPE.jsonName(), rule.countType().json());
      putIfPresent(selection, RuleField.COUNT_UNIT, rule.countUnit());
      selection.put(RuleField.COUNT_NUMBER.jsonName(), rule.countNumber());
      ObjectNode action = json.putObject(RuleField.ACTION);
      action.put(RuleField.ACTION_TYPE.jsonName(), rule.action().json());
      putIfPresent(action, RuleField.TARGET_STORAGE_CLASS, rule.targetStorageClass());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write a JSON tree of strings and numbers", e);
    }
  }

  private static void putIfPresent(ObjectNode object, RuleField field, String value) {
    if (value != null) {
      object.put(field.jsonName(), value);
    }
  }

  private static void putIfPresent(ObjectNode object, RuleField field, PolicyValue value) {
    if (value != null) {
      object.put(field.jsonName(), value.json());
    }
  }

  private static void putIfPresent(ObjectNode object, RuleField field, List<String> values) {
    if (values != null) {
      ArrayNode array = object.putArray(field.jsonName());
      values.forEach(array::add);
    }
  }
}
