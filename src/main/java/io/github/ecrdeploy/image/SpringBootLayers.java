package io.github.ecrdeploy.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layers of a Spring Boot jar's layer index ({@code BOOT-INF/layers.idx}), in stacking order.
 * Each layer lists jar entry names; a name ending in {@code /} claims every entry under it. An
 * entry belongs to the first layer that claims it, as Spring Boot's own {@code extract --layers}
 * decides.
 */
public final class SpringBootLayers {
  private static final Pattern LAYER_LINE = Pattern.compile("- \"([^\"]+)\":");
  private static final Pattern PATH_LINE = Pattern.compile("  - \"([^\"]+)\"");
  private static final Pattern LAYER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Map<String, List<String>> layers;

  private SpringBootLayers(Map<String, List<String>> layers) {
    this.layers = layers;
  }

  /**
   * Parses the index text; {@code source} names it in errors (e.g. {@code
   * target/app.jar!/BOOT-INF/layers.idx}).
   */
  public static SpringBootLayers parse(String text, String source) throws ImageBuildException {
    Map<String, List<String>> layers = new LinkedHashMap<>();
    List<String> current = null;
    int lineNumber = 0;
    for (String line : text.split("\r?\n")) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      Matcher layer = LAYER_LINE.matcher(line);
      Matcher path = PATH_LINE.matcher(line);
      if (layer.matches()) {
        String name = layer.group(1);
        if (!LAYER_NAME.matcher(name).matches()) {
          throw malformed(
              source,
              lineNumber,
              "layer name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        if (layers.containsKey(name)) {
          throw malformed(source, lineNumber, "layer '" + name + "' is listed twice");
        }
        current = new ArrayList<>();
        layers.put(name, current);
      } else if (path.matches()) {
        if (current == null) {
          throw malformed(source, lineNumber, "a path comes before the first layer");
        }
        current.add(path.group(1));
      } else {
        throw malformed(
            source,
            lineNumber,
            "expected '- \"layer\":' or '  - \"path\"' but found '" + line.strip() + "'");
      }
    }
    if (layers.isEmpty()) {
      throw new ImageBuildException(
          source + " lists no layers: repackage the jar with spring-boot-maven-plugin");
    }
    return new SpringBootLayers(layers);
  }

  private static ImageBuildException malformed(String source, int line, String problem) {
    return new ImageBuildException(
        source
            + " is malformed at line "
            + line
            + ": "
            + problem
            + ". It is written by spring-boot-maven-plugin (<layers><configuration> names a custom"
            + " layers file)");
  }

  /** The layer names, in stacking order (bottom first). */
  public List<String> names() {
    return List.copyOf(layers.keySet());
  }

  /**
   * The layer that holds the jar entry {@code entryName}: the first one that lists it or a
   * directory above it.
   */
  public Optional<String> layerOf(String entryName) {
    for (Map.Entry<String, List<String>> layer : layers.entrySet()) {
      for (String path : layer.getValue()) {
        if (path.equals(entryName) || (path.endsWith("/") && entryName.startsWith(path))) {
          return Optional.of(layer.getKey());
        }
      }
    }
    return Optional.empty();
  }
}
