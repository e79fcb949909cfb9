package io.github.ecrdeploy.image;

/**
 * The layers of an image, in the order they are stacked; {@link #label()} is the name used in
 * image.json.
 */
public enum LayerKind {
  BASE("base"),
  DEPENDENCIES("dependencies"),
  SNAPSHOT_DEPENDENCIES("snapshot-dependencies"),
  PROJECT_DEPENDENCIES("project-dependencies"),
  APPLICATION("application"),
  EXTRA_DIRECTORY("extra-directory"),
  /** A layer of a Spring Boot jar's layer index; image.json reports the index's layer name. */
  SPRING_BOOT("spring-boot");

  private final String label;

  LayerKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The kind whose label is {@code label}; any other label is a Spring Boot index layer's. */
  static LayerKind ofLabel(String label) {
    for (LayerKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    return SPRING_BOOT;
  }
}
