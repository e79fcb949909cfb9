package io.github.ecrdeploy.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a layer's digest differs from the previous build's, in one line: {@code dependencies: changed
 * — commons-codec 1.17.1 → 1.18.0, + snakeyaml 2.3}.
 */
public final class LayerChange {
  private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-(\\d[^/]*)\\.jar");

  private LayerChange() {}

  /**
   * The reason {@code label} changed from {@code before} (null: the previous build had no such
   * layer) to {@code now}.
   */
  public static String reason(String label, LayerInputs before, LayerInputs now) {
    String prefix = label + ": changed — ";
    if (before == null) {
      return label + ": new layer";
    }
    if (now.image() != null) {
      if (!Objects.equals(before.image(), now.image())) {
        return prefix + before.image() + " → " + now.image();
      }
      if (!Objects.equals(before.digest(), now.digest())) {
        return prefix + now.image() + " moved from " + before.digest() + " to " + now.digest();
      }
    } else if (!now.jars().isEmpty() || !before.jars().isEmpty()) {
      List<String> changes = jarChanges(before.jars(), now.jars());
      if (!changes.isEmpty()) {
        return prefix + String.join(", ", changes);
      }
    } else if (now.files() != null && !Objects.equals(before.digest(), now.digest())) {
      return prefix
          + (Objects.equals(before.files(), now.files())
              ? "content of " + now.files() + " files"
              : now.files() + " files (were " + before.files() + ")");
    }
    return prefix + "same inputs; file times, permissions or the build settings differ";
  }

  private static List<String> jarChanges(
      List<LayerInputs.InputFile> before, List<LayerInputs.InputFile> now) {
    Map<String, LayerInputs.InputFile> old = byArtifact(before);
    Map<String, LayerInputs.InputFile> current = byArtifact(now);
    List<String> changes = new ArrayList<>();
    current.forEach(
        (artifact, jar) -> {
          LayerInputs.InputFile was = old.get(artifact);
          if (was == null) {
            changes.add("+ " + artifact + version(jar));
          } else if (!was.name().equals(jar.name())) {
            changes.add(artifact + version(was) + " →" + version(jar));
          } else if (!was.sha256().equals(jar.sha256())) {
            changes.add(jar.name() + " content changed");
          }
        });
    old.forEach(
        (artifact, jar) -> {
          if (!current.containsKey(artifact)) {
            changes.add("- " + artifact + version(jar));
          }
        });
    return changes;
  }

  private static Map<String, LayerInputs.InputFile> byArtifact(List<LayerInputs.InputFile> jars) {
    Map<String, LayerInputs.InputFile> artifacts = new LinkedHashMap<>();
    for (LayerInputs.InputFile jar : jars) {
      artifacts.put(artifact(jar.name()), jar);
    }
    return artifacts;
  }

  private static String artifact(String fileName) {
    Matcher m = VERSIONED_JAR.matcher(fileName);
    return m.matches() ? m.group(1) : fileName;
  }

  private static String version(LayerInputs.InputFile jar) {
    Matcher m = VERSIONED_JAR.matcher(jar.name());
    return m.matches() ? " " + m.group(2) : "";
  }
}
