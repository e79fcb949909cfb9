package io.github.ecrdeploy.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validated smoke settings.
 *
 * @param engine which container engine CLI to use
 * @param runtime OCI runtime passed as {@code --runtime}, or {@code null} for the engine's default
 * @param port where the service listens on the host network
 * @param environment container environment
 * @param gate the health endpoints moved to {@code http://127.0.0.1:<port>}, with the smoke timeout
 * @param required whether a missing engine fails the build
 */
public record SmokeSettings(
    EngineChoice engine,
    String runtime,
    int port,
    Map<String, String> environment,
    HealthGateSettings gate,
    boolean required) {

  public SmokeSettings {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }
}
