package io.github.ecrdeploy.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Counts one endpoint's attempts and its current run of consecutive passes during a gate run. */
final class EndpointTracker {
  private final EndpointCheck check;
  private final int successThreshold;
  private final List<Integer> statuses = new ArrayList<>();
  private ProbeOutcome last;
  private int streak;
  private Duration elapsed = Duration.ZERO;
  private Duration timeToGreen;

  EndpointTracker(EndpointCheck check, int successThreshold) {
    this.check = check;
    this.successThreshold = successThreshold;
  }

  /**
   * Records an attempt answered {@code elapsed} after the gate started; returns whether its verdict
   * changed.
   */
  boolean record(ProbeOutcome outcome, Duration elapsed) {
    boolean changed = last == null || !Objects.equals(last.failure(), outcome.failure());
    last = outcome;
    this.elapsed = elapsed;
    statuses.add(outcome.status());
    if (outcome.passed()) {
      streak++;
      if (streak == successThreshold) {
        timeToGreen = elapsed;
      }
    } else {
      streak = 0;
      timeToGreen = null;
    }
    return changed;
  }

  boolean isGreen() {
    return streak >= successThreshold;
  }

  EndpointCheck check() {
    return check;
  }

  /** A short description of the last verdict for progress messages. */
  String verdict() {
    return last.passed() ? "ok (status " + last.status() + ")" : last.failure();
  }

  EndpointResult result() {
    String body = last == null || last.body() == null ? null : excerpt(last.body());
    return new EndpointResult(
        check,
        statuses.size(),
        statuses,
        last == null ? null : last.status(),
        body,
        last == null ? "no attempt finished" : last.failure(),
        streak,
        isGreen(),
        elapsed,
        timeToGreen);
  }

  private static String excerpt(String body) {
    return body.length() <= EndpointResult.BODY_EXCERPT
        ? body
        : body.substring(0, EndpointResult.BODY_EXCERPT);
  }
}
