package io.github.ecrdeploy.image;

import java.nio.file.Path;

/**
 * A runtime dependency jar that Maven resolved.
 *
 * @param file the jar on disk
 * @param groupId used to disambiguate jars whose file names collide
 * @param kind which dependency layer it belongs to
 */
public record DependencyJar(Path file, String groupId, LayerKind kind) {
  public DependencyJar {
    if (kind != LayerKind.DEPENDENCIES
        && kind != LayerKind.SNAPSHOT_DEPENDENCIES
        && kind != LayerKind.PROJECT_DEPENDENCIES) {
      throw new IllegalArgumentException("not a dependency layer: " + kind);
    }
  }

  public String fileName() {
    return file.getFileName().toString();
  }
}
