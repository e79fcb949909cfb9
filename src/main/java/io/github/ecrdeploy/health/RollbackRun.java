package io.github.ecrdeploy.health;

import io.github.ecrdeploy.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rolls an earlier image out again and gates it: runs {@code <deployCommand>} with the image and
 * {@code ECR_ROLLBACK=true}, then polls the endpoints with their status expectations only. Value
 * expectations ({@code <expectValue>}, {@code <bodyContains>}) are written for the new version, so
 * the old one cannot meet them; they are skipped, and the log says so.
 */
public final class RollbackRun {
  private final DeployCommandRunner runner;
  private final Log log;

  public RollbackRun(DeployCommandRunner runner, Log log) {
    this.runner = runner;
    this.log = log;
  }

  /**
   * Runs {@code command} with {@code image} and gates it with {@code settings} minus the value
   * expectations.
   *
   * @throws DeployCommandException when the command fails (the gate did not run)
   */
  public HealthGateResult run(String command, DeployedImage image, HealthGateSettings settings)
      throws DeployCommandException, InterruptedException {
    log.info("Rolling back to " + image.digest() + ": running <deployCommand> " + command);
    runner.run(command, image, Map.of("ECR_ROLLBACK", "true"), log);
    return new HealthGate(log).run(statusOnly(settings, log));
  }

  /** The same gate with every endpoint's value expectations removed, each removal logged. */
  static HealthGateSettings statusOnly(HealthGateSettings settings, Log log) {
    List<EndpointCheck> checks = new ArrayList<>();
    for (int i = 0; i < settings.endpoints().size(); i++) {
      EndpointCheck check = settings.endpoints().get(i);
      if (check.expectValue() != null || check.bodyContains() != null) {
        log.info(
            "Roll-back gate: ["
                + (i + 1)
                + "] "
                + check
                + ": skipping "
                + (check.expectValue() != null
                    ? "<expectValue> '" + check.expectValue() + "'"
                    : "<bodyContains> '" + check.bodyContains() + "'")
                + ", written for the new version; only its status is checked");
      }
      checks.add(
          new EndpointCheck(
              check.url(),
              check.method(),
              check.expectStatus(),
              null,
              null,
              null,
              check.headers(),
              check.credentials()));
    }
    return new HealthGateSettings(
        checks,
        settings.timeout(),
        settings.interval(),
        settings.requestTimeout(),
        settings.successThreshold());
  }
}
