package io.github.ecrdeploy.lifecycle;

/** Where an image is stored: {@code selection.storageClass}, {@code action.targetStorageClass}. */
public enum StorageClass implements PolicyValue {
  /** Normal, pullable storage; a rule without {@code storageClass} selects these images. */
  STANDARD("standard"),
  /** ECR Archive: cheaper, not pullable until restored, 90-day minimum storage duration. */
  ARCHIVE("archive");

  private final String json;

  StorageClass(String json) {
    this.json = json;
  }

  @Override
  public String json() {
    return json;
  }
}
