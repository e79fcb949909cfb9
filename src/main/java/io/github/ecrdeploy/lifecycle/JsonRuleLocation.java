package io.github.ecrdeploy.lifecycle;

/**
 * A rule declared in a policy file as {@code rules[index]} (0-based, so a path can be pasted into
 * jq).
 *
 * @param index the rule's index in the {@code rules} array, counted from 0
 */
record JsonRuleLocation(int index) implements RuleLocation {

  static final String RULES = "rules";

  @Override
  public String rule() {
    return RULES + '[' + index + ']';
  }

  @Override
  public String field(RuleField field) {
    return rule() + '.' + name(field);
  }

  @Override
  public String name(RuleField field) {
    return field.jsonPath();
  }

  @Override
  public String setting(TagStatus tagStatus) {
    return property(RuleField.TAG_STATUS, tagStatus);
  }

  @Override
  public String setting(StorageClass storageClass) {
    return property(RuleField.STORAGE_CLASS, storageClass);
  }

  @Override
  public String setting(CountType countType) {
    return property(RuleField.COUNT_TYPE, countType);
  }

  @Override
  public String setting(ActionType action) {
    String type = property(RuleField.ACTION_TYPE, action);
    return action == ActionType.TRANSITION
        ? type + " with " + property(RuleField.TARGET_STORAGE_CLASS, StorageClass.ARCHIVE)
        : type;
  }

  private static String property(RuleField field, PolicyValue value) {
    return '"' + field.jsonName() + "\": \"" + value.json() + '"';
  }
}
