package io.github.ecrdeploy.lifecycle;

/**
 * What a rule counts: {@code selection.countType}, with the POM element that sets it and its {@code
 * countNumber}.
 */
public enum CountType implements PolicyValue {
  /** Keep the newest {@code countNumber} selected images: {@code <keepLast>}. */
  IMAGE_COUNT_MORE_THAN("imageCountMoreThan", "keepLast"),
  /** Act on images pushed more than {@code countNumber} days ago: {@code <olderThanDays>}. */
  SINCE_IMAGE_PUSHED("sinceImagePushed", "olderThanDays"),
  /**
   * Archive images not pulled for more than {@code countNumber} days: {@code <notPulledForDays>}.
   */
  SINCE_IMAGE_PULLED("sinceImagePulled", "notPulledForDays"),
  /** Expire images archived more than {@code countNumber} days ago: {@code <archivedForDays>}. */
  SINCE_IMAGE_TRANSITIONED("sinceImageTransitioned", "archivedForDays");

  /**
   * The only {@code countUnit} ECR knows, required by the day-based count types and forbidden
   * otherwise.
   */
  public static final String DAYS = "days";

  private final String json;
  private final String pomElement;

  CountType(String json, String pomElement) {
    this.json = json;
    this.pomElement = pomElement;
  }

  @Override
  public String json() {
    return json;
  }

  /** The {@code <rule>} child element that selects this count type, e.g. {@code keepLast}. */
  public String pomElement() {
    return pomElement;
  }

  /**
   * Whether {@code countNumber} is a number of days (and {@code countUnit} must be {@code days}).
   */
  public boolean isDayBased() {
    return this != IMAGE_COUNT_MORE_THAN;
  }
}
