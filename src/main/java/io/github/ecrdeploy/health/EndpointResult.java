package io.github.ecrdeploy.health;

import io.github.ecrdeploy.DurationParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How one endpoint fared in a gate run.
 *
 * @param check the endpoint
 * @param attempts how many requests were sent
 * @param statuses the status of each attempt in order, {@code null} where no response arrived
 * @param lastStatus status of the last attempt, or {@code null}
 * @param lastBody first 200 characters of the last body, or {@code null}
 * @param lastFailure why the last attempt failed, or {@code null} when it passed
 * @param streak consecutive passes at the end of the run
 * @param passed whether the streak reached the success threshold
 * @param elapsed time from the start of the gate to the last answer
 * @param timeToGreen time from the start of the gate until the streak reached the threshold, or
 *     {@code null}
 */
public record EndpointResult(
    EndpointCheck check,
    int attempts,
    List<Integer> statuses,
    Integer lastStatus,
    String lastBody,
    String lastFailure,
    int streak,
    boolean passed,
    Duration elapsed,
    Duration timeToGreen) {

  /** Length of the body excerpt kept in results and reports. */
  public static final int BODY_EXCERPT = 200;

  public EndpointResult {
    statuses = Collections.unmodifiableList(new ArrayList<>(statuses));
  }

  /**
   * One line for the build log, e.g. {@code GET https://…/health: red after 12 attempts in 11.8s:
   * status 503, expected 200-299; last status 503, body: "unavailable"}.
   */
  public String line(int successThreshold) {
    StringBuilder line = new StringBuilder().append(check).append(": ");
    if (passed) {
      line.append("green after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
      line.append(" at ").append(DurationParser.format(timeToGreen));
    } else {
      line.append("red after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
      line.append(" in ").append(DurationParser.format(elapsed)).append(": ");
      line.append(
          lastFailure != null
              ? lastFailure
              : "passed " + streak + " of " + successThreshold + " times in a row");
    }
    line.append("; last status ").append(lastStatus == null ? "none" : lastStatus);
    if (lastBody != null && !passed) {
      line.append(", body: \"").append(lastBody.replaceAll("\\s+", " ")).append('"');
    }
    return line.toString();
  }
}
