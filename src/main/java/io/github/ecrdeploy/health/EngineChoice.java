package io.github.ecrdeploy.health;

import java.util.List;

/** The {@code <smoke><engine>} setting: a named container engine CLI, or the first that works. */
public enum EngineChoice {
  AUTO,
  PODMAN,
  DOCKER;

  /** Executable names to try, in order. */
  List<String> candidates() {
    return switch (this) {
      case AUTO -> List.of("podman", "docker");
      case PODMAN -> List.of("podman");
      case DOCKER -> List.of("docker");
    };
  }
}
