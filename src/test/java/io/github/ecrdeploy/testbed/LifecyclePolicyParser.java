package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates a lifecycle policy text the way ECR does (ecr-api.md §1.2/§1.3) and turns it into a
 * {@link EmulatedLifecyclePolicy}. First the JSON-schema checks, with the schema validator's
 * message texts that ECR returns; then ECR's semantic checks. Every failure is an {@code
 * InvalidParameterException} with the message {@code Invalid parameter at 'LifecyclePolicyText'
 * failed to satisfy constraint: 'Lifecycle policy validation failure: <detail>'} (length failures
 * use ECR's member-constraint form on {@code lifecyclePolicyText}).
 */
final class LifecyclePolicyParser {

  static final int MIN_LENGTH = 100;
  static final int MAX_LENGTH = 30720;
  static final int MAX_RULES = 50;
  static final int MAX_WILDCARDS = 4;
  static final int MIN_ARCHIVE_DAYS = 90;

  static final String COULD_NOT_MAP = "Could not map policyString into LifecyclePolicy.";
  static final String ONE_OF = "instance failed to match exactly one schema (matched 0 out of 2)";
  static final String TAGGED_NEEDS_LIST =
      "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.";
  static final String ONE_UNTAGGED = "Only one rule can select Untagged images per storage class.";
  static final String ANY_LAST =
      "Rule for tagStatus=ANY must have the lowest priority per storage class";
  // The texts below are not known from real ECR (ecr-api.md §5 item 1); they follow its style.
  static final String BOTH_LISTS =
      "Cannot specify both tagPrefixList and tagPatternList in the same rule.";
  static final String LISTS_NEED_TAGGED =
      "tagPrefixList and tagPatternList can only be used with tagStatus=TAGGED.";
  static final String TOO_MANY_WILDCARDS =
      "tagPatternList entries can contain at most 4 wildcards (*): '%s'.";
  static final String DUPLICATE_PRIORITY =
      "Rule priorities must be unique. Duplicate rulePriority: %d.";
  static final String DUPLICATE_PREFIXES =
      "The set of all rules selecting a specific storage class must contain a "
          + "unique set of tag prefixes.";
  static final String ARCHIVE_NEEDS_TRANSITIONED =
      "storageClass=ARCHIVE can only be used with " + "countType=sinceImageTransitioned.";
  static final String TRANSITIONED_NEEDS_ARCHIVE =
      "countType=sinceImageTransitioned requires storageClass=ARCHIVE.";
  static final String PULLED_NEEDS_TRANSITION =
      "countType=sinceImagePulled can only be used with action " + "type=TRANSITION.";
  static final String TRANSITIONED_NEEDS_EXPIRE =
      "countType=sinceImageTransitioned can only be used with action " + "type=EXPIRE.";
  static final String ARCHIVE_MINIMUM =
      "Images must stay in archive for at least 90 days: countNumber must be at "
          + "least 90 for countType=sinceImageTransitioned.";

  private static final List<String> TAG_STATUSES = List.of("any", "tagged", "untagged");
  private static final List<String> COUNT_TYPES =
      List.of(
          "imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned");
  private static final List<String> STORAGE_CLASSES = List.of("archive", "standard");
  private static final List<String> ACTION_TYPES = List.of("expire", "transition");

  private LifecyclePolicyParser() {}

  static EmulatedLifecyclePolicy parse(String text) {
    if (text.length() < MIN_LENGTH) {
      throw EcrServiceError.invalidParameter(
          "lifecyclePolicyText", "Member must have length greater than or equal to " + MIN_LENGTH);
    }
    if (text.length() > MAX_LENGTH) {
      throw EcrServiceError.invalidParameter(
          "lifecyclePolicyText", "Member must have length less than or equal to " + MAX_LENGTH);
    }
    JsonNode root;
    try {
      root = WireJson.parse(text);
    } catch (IOException e) {
      throw fail(COULD_NOT_MAP);
    }
    if (root == null || !root.isObject()) {
      throw fail(COULD_NOT_MAP);
    }
    checkProperties(root, Set.of("rules"), Set.of("rules"));
    JsonNode rulesNode = root.get("rules");
    checkType(rulesNode, "array");
    if (rulesNode.isEmpty()) {
      throw fail("array is too short: must have at least 1 elements but instance has 0 elements");
    }
    if (rulesNode.size() > MAX_RULES) {
      throw fail(
          "array is too long: must have at most "
              + MAX_RULES
              + " elements but instance has "
              + rulesNode.size()
              + " elements");
    }
    List<EmulatedLifecyclePolicy.Rule> rules = new ArrayList<>();
    for (JsonNode ruleNode : rulesNode) {
      rules.add(schemaRule(ruleNode));
    }
    rules.forEach(LifecyclePolicyParser::checkRule);
    checkAcrossRules(rules);

    List<JsonNode> sorted = new ArrayList<>();
    rulesNode.forEach(sorted::add);
    sorted.sort(Comparator.comparingInt(rule -> rule.get("rulePriority").intValue()));
    ((ObjectNode) root).set("rules", WireJson.MAPPER.createArrayNode().addAll(sorted));
    rules.sort(Comparator.comparingInt(EmulatedLifecyclePolicy.Rule::priority));
    return new EmulatedLifecyclePolicy(List.copyOf(rules), WireJson.write(root));
  }

  private static EmulatedLifecyclePolicy.Rule schemaRule(JsonNode rule) {
    checkType(rule, "object");
    checkProperties(
        rule,
        Set.of("rulePriority", "selection", "action"),
        Set.of("rulePriority", "description", "selection", "action"));
    JsonNode priority = rule.get("rulePriority");
    checkType(priority, "integer");
    checkMinimum(priority, 1);
    if (rule.has("description")) {
      checkType(rule.get("description"), "string");
    }

    JsonNode selection = rule.get("selection");
    checkType(selection, "object");
    checkProperties(
        selection,
        Set.of("tagStatus", "countType", "countNumber"),
        Set.of(
            "tagStatus",
            "tagPatternList",
            "tagPrefixList",
            "storageClass",
            "countType",
            "countUnit",
            "countNumber"));
    checkNoNulls(selection);
    String tagStatus = enumValue(selection.get("tagStatus"), TAG_STATUSES);
    JsonNode countType = selection.get("countType");
    if (!countType.isTextual() || !COUNT_TYPES.contains(countType.textValue())) {
      throw fail(ONE_OF);
    }
    boolean countByDays = !countType.textValue().equals("imageCountMoreThan");
    if (selection.has("countUnit") != countByDays) {
      throw fail(ONE_OF);
    }
    String countUnit =
        selection.has("countUnit") ? enumValue(selection.get("countUnit"), List.of("days")) : null;
    JsonNode countNumber = selection.get("countNumber");
    checkType(countNumber, "integer");
    checkMinimum(countNumber, 1);
    String storageClass =
        selection.has("storageClass")
            ? enumValue(selection.get("storageClass"), STORAGE_CLASSES)
            : EmulatedLifecyclePolicy.STANDARD;
    List<String> prefixes = stringList(selection.get("tagPrefixList"));
    List<String> patterns = stringList(selection.get("tagPatternList"));

    JsonNode action = rule.get("action");
    checkType(action, "object");
    checkProperties(action, Set.of("type"), Set.of("type", "targetStorageClass"));
    checkNoNulls(action);
    String actionType = enumValue(action.get("type"), ACTION_TYPES);
    String target =
        action.has("targetStorageClass")
            ? enumValue(action.get("targetStorageClass"), List.of("archive"))
            : null;
    if ((target != null) != actionType.equals("transition")) {
      throw fail(ONE_OF);
    }
    if (selection.has("tagPrefixList") && prefixes.isEmpty()
        || selection.has("tagPatternList") && patterns.isEmpty()) {
      throw fail("array is too short: must have at least 1 elements but instance has 0 elements");
    }
    return new EmulatedLifecyclePolicy.Rule(
        priority.intValue(),
        tagStatus,
        prefixes,
        patterns,
        storageClass,
        countType.textValue(),
        countUnit,
        countNumber.longValue(),
        actionType,
        target);
  }

  private static void checkRule(EmulatedLifecyclePolicy.Rule rule) {
    boolean hasLists = !rule.tagPrefixes().isEmpty() || !rule.tagPatterns().isEmpty();
    if (rule.tagStatus().equals("tagged") && !hasLists) {
      throw fail(TAGGED_NEEDS_LIST);
    }
    if (!rule.tagPrefixes().isEmpty() && !rule.tagPatterns().isEmpty()) {
      throw fail(BOTH_LISTS);
    }
    if (!rule.tagStatus().equals("tagged") && hasLists) {
      throw fail(LISTS_NEED_TAGGED);
    }
    for (String pattern : rule.tagPatterns()) {
      if (pattern.chars().filter(c -> c == '*').count() > MAX_WILDCARDS) {
        throw fail(String.format(TOO_MANY_WILDCARDS, pattern));
      }
    }
    boolean transitioned = rule.countType().equals("sinceImageTransitioned");
    boolean archive = rule.storageClass().equals(EmulatedLifecyclePolicy.ARCHIVE);
    if (archive && !transitioned) {
      throw fail(ARCHIVE_NEEDS_TRANSITIONED);
    }
    if (transitioned && !archive) {
      throw fail(TRANSITIONED_NEEDS_ARCHIVE);
    }
    if (rule.countType().equals("sinceImagePulled") && rule.actionType().equals("expire")) {
      throw fail(PULLED_NEEDS_TRANSITION);
    }
    if (transitioned && rule.actionType().equals("transition")) {
      throw fail(TRANSITIONED_NEEDS_EXPIRE);
    }
    if (transitioned && rule.countNumber() < MIN_ARCHIVE_DAYS) {
      throw fail(ARCHIVE_MINIMUM);
    }
  }

  private static void checkAcrossRules(List<EmulatedLifecyclePolicy.Rule> rules) {
    Set<Integer> priorities = new HashSet<>();
    for (EmulatedLifecyclePolicy.Rule rule : rules) {
      if (!priorities.add(rule.priority())) {
        throw fail(String.format(DUPLICATE_PRIORITY, rule.priority()));
      }
    }
    Map<String, List<EmulatedLifecyclePolicy.Rule>> byStorageClass = new HashMap<>();
    rules.forEach(
        rule ->
            byStorageClass.computeIfAbsent(rule.storageClass(), k -> new ArrayList<>()).add(rule));
    for (List<EmulatedLifecyclePolicy.Rule> group : byStorageClass.values()) {
      if (group.stream().filter(rule -> rule.tagStatus().equals("untagged")).count() > 1) {
        throw fail(ONE_UNTAGGED);
      }
      int lowestPriority =
          group.stream().mapToInt(EmulatedLifecyclePolicy.Rule::priority).max().orElseThrow();
      if (group.stream()
          .anyMatch(rule -> rule.tagStatus().equals("any") && rule.priority() != lowestPriority)) {
        throw fail(ANY_LAST);
      }
      Set<Set<String>> prefixSets = new HashSet<>();
      for (EmulatedLifecyclePolicy.Rule rule : group) {
        if (!rule.tagPrefixes().isEmpty() && !prefixSets.add(new TreeSet<>(rule.tagPrefixes()))) {
          throw fail(DUPLICATE_PREFIXES);
        }
      }
    }
  }

  /**
   * Required properties first (all missing ones, sorted), then properties the schema does not
   * allow.
   */
  private static void checkProperties(JsonNode object, Set<String> required, Set<String> allowed) {
    Set<String> missing = new TreeSet<>(required);
    object.fieldNames().forEachRemaining(missing::remove);
    if (!missing.isEmpty()) {
      throw fail("object has missing required properties (" + jsonList(missing) + ")");
    }
    Set<String> unknown = new TreeSet<>();
    object.fieldNames().forEachRemaining(unknown::add);
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw fail(
          "object instance has properties which are not allowed by the schema: ("
              + jsonList(unknown)
              + ")");
    }
  }

  /**
   * The selection and action schemas are oneOf schemas: a {@code null} anywhere in them matches
   * neither branch.
   */
  private static void checkNoNulls(JsonNode object) {
    for (Iterator<JsonNode> values = object.elements(); values.hasNext(); ) {
      if (values.next().isNull()) {
        throw fail(ONE_OF);
      }
    }
  }

  private static void checkType(JsonNode node, String type) {
    boolean ok =
        switch (type) {
          case "object" -> node.isObject();
          case "array" -> node.isArray();
          case "string" -> node.isTextual();
          case "integer" -> node.isIntegralNumber();
          default -> throw new IllegalArgumentException(type);
        };
    if (!ok) {
      throw fail(
          "instance type ("
              + typeName(node)
              + ") does not match any allowed primitive type (allowed: [\""
              + type
              + "\"])");
    }
  }

  private static void checkMinimum(JsonNode number, long minimum) {
    if (number.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(minimum)) < 0) {
      throw fail(
          "numeric instance is lower than the required minimum (minimum: "
              + minimum
              + ", found: "
              + number.asText()
              + ")");
    }
    if (!number.canConvertToInt()) {
      throw fail(
          "numeric instance is greater than the required maximum (maximum: "
              + Integer.MAX_VALUE
              + ", found: "
              + number.asText()
              + ")");
    }
  }

  private static String enumValue(JsonNode node, List<String> values) {
    checkType(node, "string");
    if (!values.contains(node.textValue())) {
      throw fail(
          "instance value ("
              + node.textValue()
              + ") not found in enum :(possible values: "
              + jsonList(values)
              + ")");
    }
    return node.textValue();
  }

  private static List<String> stringList(JsonNode node) {
    if (node == null) {
      return List.of();
    }
    checkType(node, "array");
    List<String> values = new ArrayList<>();
    for (JsonNode item : (ArrayNode) node) {
      checkType(item, "string");
      values.add(item.textValue());
    }
    return List.copyOf(values);
  }

  private static String typeName(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "array";
      case BOOLEAN -> "boolean";
      case NULL, MISSING -> "null";
      case NUMBER -> node.isIntegralNumber() ? "integer" : "number";
      case OBJECT, POJO -> "object";
      case STRING, BINARY -> "string";
    };
  }

  private static String jsonList(java.util.Collection<String> values) {
    return "[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
  }

  private static EcrServiceError fail(String detail) {
    return EcrServiceError.lifecyclePolicyInvalid(detail);
  }
}
