package io.github.ecrdeploy.lifecycle;

import java.util.Objects;

/** A field of one lifecycle policy rule, with its place in the policy JSON. */
public enum RuleField {
  PRIORITY(null, "rulePriority"),
  DESCRIPTION(null, "description"),
  TAG_STATUS("selection", "tagStatus"),
  TAG_PATTERNS("selection", "tagPatternList"),
  TAG_PREFIXES("selection", "tagPrefixList"),
  STORAGE_CLASS("selection", "storageClass"),
  COUNT_TYPE("selection", "countType"),
  COUNT_UNIT("selection", "countUnit"),
  COUNT_NUMBER("selection", "countNumber"),
  ACTION_TYPE("action", "type"),
  TARGET_STORAGE_CLASS("action", "targetStorageClass");

  /** The JSON object of a rule that holds the selection fields. */
  static final String SELECTION = "selection";

  /** The JSON object of a rule that holds the action fields. */
  static final String ACTION = "action";

  private final String group;
  private final String jsonName;

  RuleField(String group, String jsonName) {
    this.group = group;
    this.jsonName = jsonName;
  }

  /**
   * Whether the field is a property of the given JSON object ({@code null}: the rule object
   * itself).
   */
  boolean isIn(String object) {
    return Objects.equals(group, object);
  }

  /** The property name inside its JSON object, e.g. {@code countNumber}. */
  public String jsonName() {
    return jsonName;
  }

  /** The path below the rule object, e.g. {@code selection.countNumber}. */
  public String jsonPath() {
    return group == null ? jsonName : group + '.' + jsonName;
  }
}
