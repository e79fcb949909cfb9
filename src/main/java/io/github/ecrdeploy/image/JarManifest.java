package io.github.ecrdeploy.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Reads the {@code Main-Class} of a packaged jar. */
public final class JarManifest {
  private JarManifest() {}

  public static Optional<String> mainClass(Path jar) throws ImageBuildException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(manifest.getMainAttributes().getValue("Main-Class"))
          .filter(s -> !s.isBlank());
    } catch (IOException e) {
      throw new ImageBuildException(
          "Cannot read the packaged jar " + jar + ": " + e.getMessage(), e);
    }
  }
}
