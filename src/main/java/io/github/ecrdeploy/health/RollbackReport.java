package io.github.ecrdeploy.health;

import java.util.List;

/**
 * What {@code ecr-deploy:rollback} did, written to {@code target/ecr-deploy/rollback.json}.
 *
 * @param from the image the first promoted tag pointed at before
 * @param to the image rolled back to
 * @param tagsMoved the tags moved (none when the gate was red)
 * @param gate the roll-back's gate
 */
public record RollbackReport(String from, String to, List<String> tagsMoved, Gate gate) {
  public RollbackReport {
    tagsMoved = List.copyOf(tagsMoved);
  }

  /**
   * The gate's verdict.
   *
   * @param green whether every endpoint's status expectation held
   * @param timeToGreen milliseconds from the first poll to green, or {@code null} when red
   */
  public record Gate(boolean green, Long timeToGreen) {
    public static Gate of(HealthGateResult result) {
      return new Gate(
          result.green(), result.timeToGreen() == null ? null : result.timeToGreen().toMillis());
    }
  }
}
