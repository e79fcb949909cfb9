package io.github.ecrdeploy.lifecycle;

/** Which images a rule looks at by their tags: {@code selection.tagStatus}. */
public enum TagStatus implements PolicyValue {
  /** Images with at least one tag matching every entry of the rule's prefix or pattern list. */
  TAGGED("tagged"),
  /** Images without any tag. */
  UNTAGGED("untagged"),
  /** Every image of the rule's storage class. */
  ANY("any");

  private final String json;

  TagStatus(String json) {
    this.json = json;
  }

  @Override
  public String json() {
    return json;
  }
}
