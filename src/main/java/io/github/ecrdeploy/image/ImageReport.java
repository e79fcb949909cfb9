package io.github.ecrdeploy.image;

import io.github.ecrdeploy.JsonReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes {@code image.json}, the contract between {@code build} and the goals after it.
 */
public final class ImageReport {
  public static final String FILE_NAME = "image.json";

  private ImageReport() {}

  public static void write(Path file, BuiltImage image) throws IOException {
    JsonReports.write(file, image);
  }

  public static Optional<BuiltImage> read(Path file) throws IOException {
    return Files.isRegularFile(file)
        ? Optional.of(JsonReports.read(file, BuiltImage.class))
        : Optional.empty();
  }
}
