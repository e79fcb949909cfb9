package io.github.ecrdeploy.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One digest over everything a build reads — the configuration ({@link SpecFingerprint}), every
 * project layer's inputs (each jar's and file's content), the base image digest, the image name,
 * the size budget, whether an archive is written, and the plugin itself — kept next to image.json
 * as {@value #FILE_NAME}. When the next build finds the same digest and its outputs in place, it
 * keeps them instead of running Jib.
 */
final class BuildInputs {
  static final String FILE_NAME = "build-inputs.sha256";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BuildInputs() {}

  static String fingerprint(
      ContainerSpec spec,
      List<LayerInputs> layers,
      String baseDigest,
      String imageName,
      Long maxImageSize,
      boolean writeTar)
      throws IOException {
    StringBuilder text = new StringBuilder();
    text.append(SpecFingerprint.of(spec)).append('\n');
    text.append(JSON.writeValueAsString(layers)).append('\n');
    text.append(baseDigest).append('\n');
    text.append(imageName).append('\n');
    text.append(maxImageSize).append('\n');
    text.append(writeTar).append('\n');
    text.append(plugin()).append('\n');
    return ImageManifest.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The previous build's image in {@code directory}, when it was built from {@code fingerprint} and
   * its outputs (image.json, manifest.json, image.tar if wanted) are all there.
   */
  static BuiltImage unchanged(Path directory, String fingerprint, boolean writeTar) {
    try {
      Path file = directory.resolve(FILE_NAME);
      if (!Files.isRegularFile(file) || !Files.readString(file).trim().equals(fingerprint)) {
        return null;
      }
      BuiltImage previous = ImageReport.read(directory.resolve(ImageReport.FILE_NAME)).orElse(null);
      if (previous == null
          || ImageManifest.read(directory, previous.digest()).isEmpty()
          || writeTar != (previous.imageTar() != null)
          || (writeTar && !Files.isRegularFile(Path.of(previous.imageTar())))) {
        return null;
      }
      return previous;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static void write(Path directory, String fingerprint) throws IOException {
    Files.writeString(directory.resolve(FILE_NAME), fingerprint);
  }

  static void forget(Path directory) throws IOException {
    Files.deleteIfExists(directory.resolve(FILE_NAME));
  }

  /** The plugin's own code: where it was loaded from, its size and time. */
  private static String plugin() {
    try {
      Path code =
          Path.of(BuildInputs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code + " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
    } catch (URISyntaxException | IOException | RuntimeException e) {
      return "unknown " + System.nanoTime();
    }
  }
}
