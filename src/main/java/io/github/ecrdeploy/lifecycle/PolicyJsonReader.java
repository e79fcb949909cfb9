package io.github.ecrdeploy.lifecycle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a lifecycle policy JSON (a {@code <policyFile>}) the way ECR's schema does: unknown
 * properties, {@code null} values, missing required properties, wrong types and unknown enum values
 * are problems, each named by its JSON path ({@code rules[1].selection.countNumber}, 0-based).
 * ECR's further constraints are left to {@link PolicyValidator}.
 */
final class PolicyJsonReader {

  private static final Set<RuleField> REQUIRED =
      Set.of(
          RuleField.PRIORITY,
          RuleField.TAG_STATUS,
          RuleField.COUNT_TYPE,
          RuleField.COUNT_NUMBER,
          RuleField.ACTION_TYPE);
  private static final List<String> RULE_PROPERTIES =
      List.of(
          RuleField.PRIORITY.jsonName(),
          RuleField.DESCRIPTION.jsonName(),
          RuleField.SELECTION,
          RuleField.ACTION);

  private final List<String> problems = new ArrayList<>();

  private PolicyJsonReader() {}

  /** Reads the policy file; a missing or unreadable file is a problem of the draft. */
  static PolicyDraft read(File file) {
    String source = "<lifecyclePolicy><policyFile> " + file;
    try {
      return parse(Files.readString(file.toPath()), source);
    } catch (NoSuchFileException e) {
      return PolicyDraft.unreadable(
          source,
          JsonRuleLocation.RULES,
          List.of(
              "The file does not exist: create it, or fix <policyFile> (a relative path starts at"
                  + " the project directory)"));
    } catch (IOException e) {
      return PolicyDraft.unreadable(
          source, JsonRuleLocation.RULES, List.of("The file cannot be read as UTF-8 text: " + e));
    }
  }

  /** Reads policy JSON text; {@code source} names it in messages. */
  static PolicyDraft parse(String text, String source) {
    JsonNode root;
    try {
      root = PolicyJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ')';
      return PolicyDraft.unreadable(
          source,
          JsonRuleLocation.RULES,
          List.of("The policy is not valid JSON" + where + ": " + e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode()) {
      return PolicyDraft.unreadable(
          source,
          JsonRuleLocation.RULES,
          List.of("The policy is empty: write a JSON object like {\"rules\": [...]}"));
    }
    return new PolicyJsonReader().policy(root, source);
  }

  private PolicyDraft policy(JsonNode root, String source) {
    if (!root.isObject()) {
      problems.add(
          "The policy must be a JSON object like {\"rules\": [...]} (it is "
              + describe(root)
              + ')');
      return PolicyDraft.unreadable(source, JsonRuleLocation.RULES, problems);
    }
    checkProperties(root, "The policy", "", List.of(JsonRuleLocation.RULES));
    JsonNode rules = root.get(JsonRuleLocation.RULES);
    List<LifecycleRule> read = new ArrayList<>();
    int declared = 0;
    if (rules == null) {
      problems.add("The policy has no \"rules\": add \"rules\": [...] with at least one rule");
    } else if (!rules.isNull() && !rules.isArray()) {
      problems.add("rules must be an array of rules (it is " + describe(rules) + ')');
    } else if (rules.isArray()) {
      declared = rules.size();
      if (declared == 0) {
        problems.add("rules is empty: add at least one rule");
      }
      for (int i = 0; i < declared; i++) {
        rule(rules.get(i), new JsonRuleLocation(i)).ifPresent(read::add);
      }
    }
    return new PolicyDraft(source, JsonRuleLocation.RULES, declared, read, problems);
  }

  private Optional<LifecycleRule> rule(JsonNode rule, JsonRuleLocation at) {
    int before = problems.size();
    if (!isObject(rule, at.rule())) {
      return Optional.empty();
    }
    checkProperties(rule, at.rule(), at.rule() + '.', RULE_PROPERTIES);
    JsonNode selection = group(rule, RuleField.SELECTION, at);
    JsonNode action = group(rule, RuleField.ACTION, at);
    Integer priority = integer(rule, RuleField.PRIORITY, at);
    String description = text(rule, RuleField.DESCRIPTION, at);
    TagStatus tagStatus = value(selection, RuleField.TAG_STATUS, TagStatus.class, at);
    List<String> patterns = strings(selection, RuleField.TAG_PATTERNS, at);
    List<String> prefixes = strings(selection, RuleField.TAG_PREFIXES, at);
    StorageClass storageClass = value(selection, RuleField.STORAGE_CLASS, StorageClass.class, at);
    CountType countType = value(selection, RuleField.COUNT_TYPE, CountType.class, at);
    String countUnit = countUnit(selection, at);
    Integer countNumber = integer(selection, RuleField.COUNT_NUMBER, at);
    ActionType actionType = value(action, RuleField.ACTION_TYPE, ActionType.class, at);
    StorageClass target = value(action, RuleField.TARGET_STORAGE_CLASS, StorageClass.class, at);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new LifecycleRule(
            priority,
            description,
            tagStatus,
            patterns,
            prefixes,
            storageClass,
            countType,
            countUnit,
            countNumber,
            actionType,
            target,
            at));
  }

  /**
   * The {@code selection} or {@code action} object, or a missing node after reporting why it is
   * unusable.
   */
  private JsonNode group(JsonNode rule, String name, JsonRuleLocation at) {
    String path = at.rule() + '.' + name;
    JsonNode group = rule.get(name);
    if (group == null) {
      problems.add(path + " is missing: ECR requires it in every rule");
    } else if (!group.isNull() && isObject(group, path)) {
      List<String> known =
          Arrays.stream(RuleField.values())
              .filter(f -> f.isIn(name))
              .map(RuleField::jsonName)
              .toList();
      checkProperties(group, path, path + '.', known);
      return group;
    }
    return MissingNode.getInstance();
  }

  private boolean isObject(JsonNode node, String path) {
    if (!node.isObject()) {
      problems.add(path + " must be a JSON object (it is " + describe(node) + ')');
    }
    return node.isObject();
  }

  /** Reports unknown properties and {@code null} values. */
  private void checkProperties(
      JsonNode object, String label, String pathPrefix, List<String> known) {
    object
        .properties()
        .forEach(
            property -> {
              String path = pathPrefix + property.getKey();
              if (!known.contains(property.getKey())) {
                problems.add(
                    label
                        + " has the property \""
                        + property.getKey()
                        + "\", which ECR does not know: remove it"
                        + " (known: "
                        + String.join(", ", known)
                        + ')');
              } else if (property.getValue().isNull()) {
                problems.add(path + " is null, which ECR rejects: leave the property out instead");
              }
            });
  }

  /**
   * The field's value; {@code null} when absent (a problem if required) or {@code null} (already
   * reported).
   */
  private JsonNode field(JsonNode parent, RuleField field, JsonRuleLocation at) {
    JsonNode value = parent.get(field.jsonName());
    if (value == null && REQUIRED.contains(field) && !parent.isMissingNode()) {
      problems.add(at.field(field) + " is missing: ECR requires it in every rule");
    }
    return value == null || value.isNull() ? null : value;
  }

  private Integer integer(JsonNode parent, RuleField field, JsonRuleLocation at) {
    JsonNode value = field(parent, field, at);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      problems.add(at.field(field) + " must be a whole number (it is " + describe(value) + ')');
      return null;
    }
    return value.intValue();
  }

  private String text(JsonNode parent, RuleField field, JsonRuleLocation at) {
    JsonNode value = field(parent, field, at);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(at.field(field) + " must be a string (it is " + describe(value) + ')');
      return null;
    }
    return value.textValue();
  }

  private <E extends Enum<E> & PolicyValue> E value(
      JsonNode parent, RuleField field, Class<E> type, JsonRuleLocation at) {
    String text = text(parent, field, at);
    if (text == null) {
      return null;
    }
    Optional<E> value = PolicyValue.fromJson(type, text);
    if (value.isEmpty()) {
      problems.add(
          at.field(field)
              + " is \""
              + text
              + "\": use one of "
              + PolicyValue.quotedChoices(type)
              + " (ECR's values are case-sensitive)");
    }
    return value.orElse(null);
  }

  private String countUnit(JsonNode selection, JsonRuleLocation at) {
    String unit = text(selection, RuleField.COUNT_UNIT, at);
    if (unit != null && !unit.equals(CountType.DAYS)) {
      problems.add(
          at.field(RuleField.COUNT_UNIT)
              + " is \""
              + unit
              + "\": ECR only knows \""
              + CountType.DAYS
              + '"');
    }
    return unit;
  }

  private List<String> strings(JsonNode parent, RuleField field, JsonRuleLocation at) {
    JsonNode value = field(parent, field, at);
    if (value == null) {
      return null;
    }
    if (!value.isArray() || value.isEmpty()) {
      problems.add(
          at.field(field)
              + " must be a non-empty array of strings (it is "
              + describe(value)
              + ')');
      return null;
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode entry = value.get(i);
      if (!entry.isTextual() || entry.textValue().isEmpty()) {
        problems.add(
            at.field(field)
                + '['
                + i
                + "] must be a non-empty string (it is "
                + describe(entry)
                + ')');
      } else {
        strings.add(entry.textValue());
      }
    }
    return strings.size() == value.size() ? strings : null;
  }

  private static String describe(JsonNode node) {
    String json = node.toString();
    return json.length() <= 40 ? json : json.substring(0, 37) + "...";
  }
}
