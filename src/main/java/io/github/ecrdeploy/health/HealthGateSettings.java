package io.github.ecrdeploy.health;

import java.time.Duration;
import java.util.List;

/**
 * Validated gate settings: every endpoint must pass {@code successThreshold} times in a row within
 * {@code timeout}; rounds of requests start {@code interval} after the previous round ended and
 * each request may take at most {@code requestTimeout}.
 */
public record HealthGateSettings(
    List<EndpointCheck> endpoints,
    Duration timeout,
    Duration interval,
    Duration requestTimeout,
    int successThreshold) {

  public HealthGateSettings {
    endpoints = List.copyOf(endpoints);
  }
}
