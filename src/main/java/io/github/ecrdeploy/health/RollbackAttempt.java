package io.github.ecrdeploy.health;

import java.util.List;

/**
 * What the automatic roll-back after a red gate did, for {@code health.json}.
 *
 * @param outcome {@code green}, {@code red}, {@code deploy-command-failed} or {@code
 *     nothing-to-roll-back-to}
 * @param digest the image rolled out again, or {@code null} when there was none
 * @param tags the tags pointing at it
 * @param gate the roll-back's own gate, or {@code null} when it did not run
 */
public record RollbackAttempt(
    String outcome, String digest, List<String> tags, HealthGateResult gate) {
  public RollbackAttempt {
    tags = List.copyOf(tags);
  }
}
