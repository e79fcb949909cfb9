package io.github.ecrdeploy.health;

import io.github.ecrdeploy.DurationParser;
import io.github.ecrdeploy.Log;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Polls every endpoint until each has passed {@code successThreshold} times in a row, or the
 * timeout is up.
 *
 * <p>Requests go out in rounds: all endpoints at once, the next round {@code interval} after the
 * previous one ended, so polls never overlap. A request without a complete answer within {@code
 * requestTimeout} fails. The gate is green at the end of the first round after which every
 * endpoint's streak is at the threshold; any failure resets that endpoint's streak. Only rounds
 * that start within {@code timeout} are sent, so the verdict comes at most one {@code
 * requestTimeout} after the timeout.
 *
 * <p>Redirects are not followed: a 3xx answer is judged as a status (list it in {@code
 * <expectStatus>} to accept it), so configured credentials and headers never travel to another
 * host.
 */
public final class HealthGate {
  private final Log log;

  /** {@code log} gets an info line whenever an endpoint's verdict changes. */
  public HealthGate(Log log) {
    this.log = log;
  }

  /**
   * Polls until the gate is green or the timeout is up; the result says which, with per-endpoint
   * details.
   *
   * @throws InterruptedException when the thread is interrupted while waiting (requests in flight
   *     are cancelled)
   */
  public HealthGateResult run(HealthGateSettings settings) throws InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.requestTimeout())
            .build();
    List<EndpointTracker> trackers = new ArrayList<>();
    for (EndpointCheck check : settings.endpoints()) {
      trackers.add(new EndpointTracker(check, settings.successThreshold()));
    }
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    long deadline = start + settings.timeout().toNanos();
    int rounds = 0;
    while (true) {
      List<CompletableFuture<ProbeOutcome>> answers = new ArrayList<>();
      for (EndpointTracker tracker : trackers) {
        answers.add(EndpointProbe.send(client, tracker.check(), settings.requestTimeout()));
      }
      rounds++;
      for (int i = 0; i < trackers.size(); i++) {
        ProbeOutcome outcome = await(answers.get(i));
        EndpointTracker tracker = trackers.get(i);
        if (tracker.record(outcome, Duration.ofNanos(System.nanoTime() - start))) {
          log.info("[" + (i + 1) + "] " + tracker.check() + ": " + tracker.verdict());
        }
      }
      if (trackers.stream().allMatch(EndpointTracker::isGreen)) {
        return new HealthGateResult(
            true,
            null,
            startedAt,
            Instant.now(),
            Duration.ofNanos(System.nanoTime() - start),
            rounds,
            settings.successThreshold(),
            results(trackers));
      }
      if (System.nanoTime() + settings.interval().toNanos() >= deadline) {
        break;
      }
      Thread.sleep(settings.interval().toMillis());
    }
    List<EndpointResult> results = results(trackers);
    return new HealthGateResult(
        false,
        redReason(settings, results),
        startedAt,
        null,
        Duration.ofNanos(System.nanoTime() - start),
        rounds,
        settings.successThreshold(),
        results);
  }

  private static ProbeOutcome await(CompletableFuture<ProbeOutcome> answer)
      throws InterruptedException {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("EndpointProbe futures do not fail", e);
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    }
  }

  private static List<EndpointResult> results(List<EndpointTracker> trackers) {
    return trackers.stream().map(EndpointTracker::result).toList();
  }

  private static String redReason(HealthGateSettings settings, List<EndpointResult> results) {
    StringBuilder reason =
        new StringBuilder("timeout: not every endpoint passed ")
            .append(settings.successThreshold())
            .append(settings.successThreshold() == 1 ? " time" : " times in a row")
            .append(" within ")
            .append(DurationParser.format(settings.timeout()));
    for (int i = 0; i < results.size(); i++) {
      EndpointResult result = results.get(i);
      if (!result.passed()) {
        reason.append("; [").append(i + 1).append("] ").append(result.check()).append(": ");
        reason.append(
            result.lastFailure() != null
                ? result.lastFailure()
                : "passed only "
                    + result.streak()
                    + " of "
                    + settings.successThreshold()
                    + " times in a row");
      }
    }
    return reason.toString();
  }
}
