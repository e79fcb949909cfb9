package io.github.ecrdeploy.lifecycle;

/**
 * What a rule does to the images it marks: {@code action.type}, with its POM spelling in {@code
 * <action>}.
 */
public enum ActionType implements PolicyValue {
  /** Delete the image (the manifest with all its tags): {@code <action>expire</action>}. */
  EXPIRE("expire", "expire"),
  /** Move the image to the archive storage class: {@code <action>archive</action>}. */
  TRANSITION("transition", "archive");

  private final String json;
  private final String pomValue;

  ActionType(String json, String pomValue) {
    this.json = json;
    this.pomValue = pomValue;
  }

  @Override
  public String json() {
    return json;
  }

  /** The value of {@code <action>} that selects this action. */
  public String pomValue() {
    return pomValue;
  }
}
