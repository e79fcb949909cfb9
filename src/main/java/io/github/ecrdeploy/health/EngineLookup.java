package io.github.ecrdeploy.health;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of looking for a container engine: the engine, or why each candidate was unusable.
 *
 * @param engine the first working engine, or {@code null}
 * @param skipped one line per candidate that was not on PATH or did not answer {@code version}
 */
public record EngineLookup(ContainerEngine engine, List<String> skipped) {
  public EngineLookup {
    skipped = List.copyOf(skipped);
  }

  public Optional<ContainerEngine> found() {
    return Optional.ofNullable(engine);
  }

  /**
   * Why no engine is usable, e.g. {@code no container engine found: podman is not on PATH; docker
   * version failed…}.
   */
  public String problem() {
    return "no container engine found: " + String.join("; ", skipped);
  }
}
