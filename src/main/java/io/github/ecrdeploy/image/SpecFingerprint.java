package io.github.ecrdeploy.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of the configuration a {@link ContainerSpec} was made from, kept by build next to
 * image.json ({@value #FILE_NAME}), so that a push that fails can say when its own configuration
 * was not build's (image parameters set only on build's {@code <execution>}). Only a digest is
 * kept: environment values may be secret.
 */
public final class SpecFingerprint {
  static final String FILE_NAME = "container-spec.sha256";

  private SpecFingerprint() {}

  static void write(Path directory, ContainerSpec spec) throws IOException {
    Files.writeString(directory.resolve(FILE_NAME), of(spec));
  }

  /**
   * Whether build recorded a configuration in {@code directory} and {@code spec}'s is another;
   * false when nothing (or nothing readable) is recorded.
   */
  public static boolean differs(Path directory, ContainerSpec spec) {
    Path file = directory.resolve(FILE_NAME);
    try {
      return Files.isRegularFile(file) && !Files.readString(file).trim().equals(of(spec));
    } catch (IOException e) {
      return false;
    }
  }

  static String of(ContainerSpec spec) {
    List<Object> parts = new ArrayList<>();
    parts.add(spec.from().text());
    parts.add(spec.applicationJar());
    spec.dependencies().forEach(d -> parts.add(d.file() + " " + d.kind()));
    parts.add(spec.extraDirectories());
    parts.add(spec.mainClass());
    parts.add(spec.jvmFlags());
    parts.add(spec.args());
    parts.add(spec.entrypoint());
    parts.add(new TreeMap<>(spec.environment()));
    parts.add(spec.ports());
    parts.add(new TreeMap<String, String>(spec.labels()));
    parts.add(spec.user());
    parts.add(spec.workingDirectory());
    parts.add(spec.appRoot());
    parts.add(spec.creationTime());
    parts.add(spec.version());
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      text.append(part instanceof Map<?, ?> map ? map.entrySet() : part).append('\n');
    }
    return ImageManifest.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
