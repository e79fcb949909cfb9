package io.github.ecrdeploy.lifecycle;

/**
 * A rule declared as {@code <lifecyclePolicy><rules><rule>} number {@code position} (1-based).
 *
 * @param position the rule's position in {@code <rules>}, counted from 1
 * @param priorityDefaulted whether {@code <priority>} was left out and derived from the position
 * @param countType the count type, which decides the element that holds the count number
 */
record PomRuleLocation(int position, boolean priorityDefaulted, CountType countType)
    implements RuleLocation {

  static final String RULES = "<lifecyclePolicy><rules>";

  /** The {@code position}-th rule (1-based), e.g. {@code <lifecyclePolicy><rules><rule>[2]}. */
  static String rule(int position) {
    return RULES + "<rule>[" + position + "]";
  }

  /**
   * A child element of the {@code position}-th rule, e.g. {@code
   * <lifecyclePolicy><rules><rule>[2]<action>}.
   */
  static String element(int position, String name) {
    return rule(position) + '<' + name + '>';
  }

  @Override
  public String rule() {
    return rule(position);
  }

  @Override
  public String field(RuleField field) {
    String note =
        field == RuleField.PRIORITY && priorityDefaulted ? " (not set, so defaulted)" : "";
    return rule() + name(field) + note;
  }

  @Override
  public String name(RuleField field) {
    return '<'
        + switch (field) {
          case PRIORITY -> "priority";
          case DESCRIPTION -> "description";
          case TAG_STATUS -> "tagStatus";
          case TAG_PATTERNS -> "tagPatterns";
          case TAG_PREFIXES -> "tagPrefixes";
          case STORAGE_CLASS -> "storageClass";
          case COUNT_TYPE, COUNT_UNIT, COUNT_NUMBER -> countType.pomElement();
          case ACTION_TYPE, TARGET_STORAGE_CLASS -> "action";
        }
        + '>';
  }

  @Override
  public String setting(TagStatus tagStatus) {
    return "<tagStatus>" + tagStatus.json() + "</tagStatus>";
  }

  @Override
  public String setting(StorageClass storageClass) {
    return "<storageClass>" + storageClass.json() + "</storageClass>";
  }

  @Override
  public String setting(CountType type) {
    return '<' + type.pomElement() + '>';
  }

  @Override
  public String setting(ActionType action) {
    return "<action>" + action.pomValue() + "</action>";
  }
}
