package io.github.ecrdeploy.health;

import io.github.ecrdeploy.DurationParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of a gate run.
 *
 * @param green whether every endpoint passed the threshold in a row within the timeout
 * @param reason what decided a red gate (timeout, and each red endpoint's last failure), or {@code
 *     null} when green
 * @param startedAt when the first round started
 * @param greenAt when the round that made the gate green ended, or {@code null} when red
 * @param elapsed time from start to verdict
 * @param rounds how many rounds of requests were sent
 * @param successThreshold consecutive passes each endpoint needed
 * @param endpoints one result per endpoint, in configuration order
 */
public record HealthGateResult(
    boolean green,
    String reason,
    Instant startedAt,
    Instant greenAt,
    Duration elapsed,
    int rounds,
    int successThreshold,
    List<EndpointResult> endpoints) {

  public HealthGateResult {
    endpoints = List.copyOf(endpoints);
  }

  /** Time from start to green, or {@code null} when red. */
  public Duration timeToGreen() {
    return green ? elapsed : null;
  }

  /** The verdict line followed by one numbered line per endpoint, for the build log. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        green
            ? "Health gate green after "
                + DurationParser.format(elapsed)
                + " ("
                + rounds
                + " rounds)"
            : "Health gate red: " + reason);
    for (int i = 0; i < endpoints.size(); i++) {
      lines.add("[" + (i + 1) + "] " + endpoints.get(i).line(successThreshold));
    }
    return lines;
  }
}
