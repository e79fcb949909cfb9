package io.github.ecrdeploy.lifecycle;

/**
 * Where a rule was declared, so that messages name what the user wrote: POM elements ({@code
 * <lifecyclePolicy><rules><rule>[2]<keepLast>}, 1-based) or policy-file JSON paths ({@code
 * rules[1].selection.countNumber}, 0-based as in jq and JSONPath).
 */
public interface RuleLocation {

  /** The rule itself, e.g. {@code <lifecyclePolicy><rules><rule>[2]} or {@code rules[1]}. */
  String rule();

  /**
   * One field of the rule as the user finds it, e.g. {@code
   * <lifecyclePolicy><rules><rule>[2]<keepLast>}.
   */
  String field(RuleField field);

  /** The field's name within the rule, e.g. {@code <keepLast>} or {@code selection.countNumber}. */
  String name(RuleField field);

  /** How the user writes this tag status, e.g. {@code <tagStatus>tagged</tagStatus>}. */
  String setting(TagStatus tagStatus);

  /**
   * How the user writes this selection storage class, e.g. {@code
   * <storageClass>archive</storageClass>}.
   */
  String setting(StorageClass storageClass);

  /**
   * How the user chooses this count type, e.g. {@code <keepLast>} or {@code "countType":
   * "imageCountMoreThan"}.
   */
  String setting(CountType countType);

  /** How the user writes this action, e.g. {@code <action>archive</action>}. */
  String setting(ActionType action);
}
