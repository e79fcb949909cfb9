package io.github.ecrdeploy.health;

import io.github.ecrdeploy.DurationParser;
import io.github.ecrdeploy.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * After a red gate, rolls the last green release (the image the first promote tag points at) out
 * again with {@link RollbackRun}, records both gates in {@code health.json}, and says in one
 * message what happened. The build fails in every case; no tag moves.
 */
public final class AutomaticRollback {
  private final HealthConfig health;
  private final DeployCommandRunner runner;
  private final Log log;

  public AutomaticRollback(HealthConfig health, DeployCommandRunner runner, Log log) {
    this.health = health;
    this.runner = runner;
    this.log = log;
  }

  /**
   * Rolls back after {@code red} and returns the failure message.
   *
   * @param released the image that went red
   * @param before where the promote tags pointed before the release
   * @param report the {@code health.json} to write
   */
  public String afterRed(
      DeployedImage released,
      HealthGateResult red,
      HealthGateSettings settings,
      Map<String, String> before,
      Path report)
      throws IOException, InterruptedException {
    List<String> promote = health.getPromoteTags() == null ? List.of() : health.getPromoteTags();
    String head = "Health gate red for " + released.digest();
    String tail =
        ". Release gate: "
            + red.reason()
            + (promote.isEmpty() ? "" : ". Tags " + promote + " were not moved.");
    String first = promote.isEmpty() ? null : promote.get(0);
    String target = first == null ? null : before.get(first);
    if (target == null || target.equals(released.digest())) {
      HealthReportWriter.write(
          red, new RollbackAttempt("nothing-to-roll-back-to", null, List.of(), null), report);
      String why =
          first == null
              ? "no <promoteTags> mark a last green release"
              : target == null
                  ? first + " points at no image yet"
                  : first + " already points at this image";
      return head + " — nothing to roll back to (" + why + ")" + tail;
    }
    List<String> tags = promote.stream().filter(t -> target.equals(before.get(t))).toList();
    String uri = repositoryUri(released.uri()) + "@" + target;
    String rolledBack = head + " — rolled back to " + target + " (" + String.join(", ", tags) + ")";
    HealthGateResult gate;
    try {
      gate =
          new RollbackRun(runner, log)
              .run(health.getDeployCommand(), new DeployedImage(uri, target, tags), settings);
    } catch (DeployCommandException e) {
      HealthReportWriter.write(
          red, new RollbackAttempt("deploy-command-failed", target, tags, null), report);
      return rolledBack
          + ", roll-back red too: <deployCommand> failed with exit code "
          + e.exitCode()
          + ", service unhealthy"
          + tail;
    }
    gate.lines().forEach(log::info);
    HealthReportWriter.write(
        red, new RollbackAttempt(gate.green() ? "green" : "red", target, tags, gate), report);
    if (gate.green()) {
      return rolledBack
          + ", healthy again after "
          + DurationParser.format(gate.timeToGreen())
          + tail;
    }
    return rolledBack + ", roll-back red too: service unhealthy (" + gate.reason() + ")" + tail;
  }

  private static String repositoryUri(String imageUri) {
    int at = imageUri.indexOf('@');
    if (at >= 0) {
      return imageUri.substring(0, at);
    }
    int colon = imageUri.lastIndexOf(':');
    return colon > imageUri.lastIndexOf('/') ? imageUri.substring(0, colon) : imageUri;
  }
}
