package io.github.ecrdeploy.health;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of a smoke run.
 *
 * @param outcome green, red, or no engine (the Mojo warns or fails according to {@code
 *     <smoke><required>})
 * @param message why no engine was found, or {@code null}
 * @param engine the engine used, e.g. {@code podman}, or {@code null}
 * @param image the loaded image's name or id, or {@code null}
 * @param containerId the container's id, or {@code null}
 * @param gate the gate result, or {@code null} when no engine was found
 * @param containerLogs the container's last log lines when red, otherwise empty
 */
public record SmokeResult(
    Outcome outcome,
    String message,
    String engine,
    String image,
    String containerId,
    HealthGateResult gate,
    List<String> containerLogs) {

  /** Lines of container log kept when the gate is red. */
  public static final int LOG_LINES = 50;

  /** What happened. */
  public enum Outcome {
    GREEN,
    RED,
    NO_ENGINE
  }

  public SmokeResult {
    containerLogs = List.copyOf(containerLogs);
  }

  static SmokeResult noEngine(String message) {
    return new SmokeResult(Outcome.NO_ENGINE, message, null, null, null, null, List.of());
  }

  /** The gate's lines, then (when red) the container's last log lines, for the build log. */
  public List<String> lines() {
    if (gate == null) {
      return List.of(message);
    }
    List<String> lines = new ArrayList<>(gate.lines());
    if (!containerLogs.isEmpty()) {
      lines.add(
          "Last "
              + containerLogs.size()
              + " log lines of "
              + engine
              + " container "
              + containerId
              + ":");
      containerLogs.forEach(l -> lines.add("  " + l));
    }
    return lines;
  }
}
