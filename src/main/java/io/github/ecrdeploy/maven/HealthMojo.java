package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.JsonReports;
import io.github.ecrdeploy.ecr.EcrClients;
import io.github.ecrdeploy.ecr.EcrConnection;
import io.github.ecrdeploy.ecr.EcrDeployException;
import io.github.ecrdeploy.ecr.PreviousTags;
import io.github.ecrdeploy.ecr.PushResult;
import io.github.ecrdeploy.ecr.TagMutability;
import io.github.ecrdeploy.ecr.TagPromotion;
import io.github.ecrdeploy.ecr.TagState;
import io.github.ecrdeploy.health.AutomaticRollback;
import io.github.ecrdeploy.health.DeployCommandException;
import io.github.ecrdeploy.health.DeployCommandRunner;
import io.github.ecrdeploy.health.DeployedImage;
import io.github.ecrdeploy.health.HealthConfig;
import io.github.ecrdeploy.health.HealthConfigException;
import io.github.ecrdeploy.health.HealthConfigValidator;
import io.github.ecrdeploy.health.HealthGate;
import io.github.ecrdeploy.health.HealthGateResult;
import io.github.ecrdeploy.health.HealthGateSettings;
import io.github.ecrdeploy.health.HealthReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Gates the deploy on health: runs {@code <deployCommand>} with the pushed image, polls the health
 * endpoints until every one passes {@code <successThreshold>} times in a row, and only then moves
 * {@code <promoteTags>} (such as {@code latest}) to the new image, the image each tag leaves
 * keeping {@code <tag>-previous}. Red: nothing moves, the last green release is rolled out again
 * ({@code <rollbackOnRed>}) and the build fails. Writes {@code target/ecr-deploy/health.json}.
 */
@Mojo(name = "health", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class HealthMojo extends AbstractEcrApiMojo {
  static final String HEALTH_JSON = "health.json";

  /** The endpoints, timing, tags to promote and deploy command. */
  @Parameter private HealthConfig health = new HealthConfig();

  /** Overrides {@code <health><timeout>}, e.g. {@code -Decr.health.timeout=5m}. */
  @Parameter(property = "ecr.health.timeout")
  private String healthTimeout;

  /**
   * Overrides {@code <health><rollbackOnRed>}: on a red gate, roll the image the first promote tag
   * points at out again. Default: true when {@code <deployCommand>} is set.
   */
  @Parameter(property = "ecr.health.rollbackOnRed")
  private Boolean rollbackOnRed;

  /** Skips this goal only. */
  @Parameter(property = "ecr.health.skip", defaultValue = "false")
  private boolean healthSkip;

  @Override
  protected String goal() {
    return "health";
  }

  @Override
  protected Optional<String> networkUse() {
    return Optional.of("the deployed service's endpoints, and ECR to promote tags");
  }

  @Override
  protected boolean goalSkipped() {
    return healthSkip;
  }

  @Override
  protected void checkConfiguration(ConfigProblems problems) {
    problems.check(this::gateSettings);
    problems.check(this::connection);
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    HealthGateSettings gate = gateSettings();
    EcrConnection connection = connection();
    PushResult pushed = pushResult();
    List<String> promote = health.getPromoteTags() == null ? List.of() : health.getPromoteTags();
    if (!promote.isEmpty() && TagMutability.isImmutable(pushed.tagMutability())) {
      throw new MojoExecutionException(
          TagPromotion.immutable(promote, pushed.repository()).getMessage());
    }
    try (EcrClient ecr = promote.isEmpty() ? null : EcrClients.create(connection, log())) {
      TagPromotion promotion =
          ecr == null
              ? null
              : new TagPromotion(ecr, connection.registryId(), pushed.repository(), log());
      if (promotion != null) {
        promotion.checkMovable(promote);
      }
      Map<String, String> before =
          ecr == null
              ? Map.of()
              : TagState.digestsOf(ecr, connection.registryId(), pushed.repository(), promote);
      deploy(pushed);
      HealthGateResult result = new HealthGate(log()).run(gate);
      if (!result.green() && health.rollsBackOnRed()) {
        result.lines().forEach(getLog()::error);
        throw new MojoFailureException(
            new AutomaticRollback(health, runner(), log())
                .afterRed(
                    new DeployedImage(pushed.imageUri(), pushed.digest(), pushed.tags()),
                    result,
                    gate,
                    before,
                    outputDirectory.toPath().resolve(HEALTH_JSON)));
      }
      HealthReportWriter.write(result, outputDirectory.toPath().resolve(HEALTH_JSON));
      if (!result.green()) {
        result.lines().forEach(getLog()::error);
        throw new MojoFailureException(
            "Health gate red for "
                + pushed.imageUri()
                + ": "
                + result.reason()
                + (promote.isEmpty() ? "" : ". Tags " + promote + " were not moved."));
      }
      result.lines().forEach(getLog()::info);
      if (promotion != null) {
        promotion.promote(pushed.digest(), promote);
        new PreviousTags(ecr, connection.registryId(), pushed.repository(), log())
            .write(before, pushed.digest(), promote, health::previousTag);
      }
    } catch (EcrDeployException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + HEALTH_JSON + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted during the health gate", e);
    }
  }

  private void deploy(PushResult pushed)
      throws MojoFailureException, IOException, InterruptedException {
    String command = health.getDeployCommand();
    if (command == null || command.isBlank()) {
      return;
    }
    getLog().info("Running <deployCommand> " + command);
    try {
      runner()
          .run(
              command, new DeployedImage(pushed.imageUri(), pushed.digest(), pushed.tags()), log());
    } catch (DeployCommandException e) {
      throw new MojoFailureException(
          "<deployCommand> failed with exit code "
              + e.exitCode()
              + "; the health gate did not run, no tag moved",
          e);
    }
  }

  /** The gate of {@code <health>} with the {@code -D} overrides applied. */
  private HealthGateSettings gateSettings() throws MojoExecutionException {
    if (healthTimeout != null && !healthTimeout.isBlank()) {
      health.setTimeout(healthTimeout);
    }
    if (rollbackOnRed != null) {
      health.setRollbackOnRed(rollbackOnRed);
    }
    try {
      return HealthConfigValidator.validate(health, HealthCredentials.lookup(servers()));
    } catch (HealthConfigException e) {
      throw new MojoExecutionException(String.join("\n", e.problems()));
    }
  }

  private DeployCommandRunner runner() {
    return new DeployCommandRunner(System.getenv(), project.getBasedir().toPath());
  }

  private PushResult pushResult() throws MojoExecutionException {
    Path file = outputDirectory.toPath().resolve(PushMojo.PUSH_JSON);
    if (!Files.isRegularFile(file)) {
      throw new MojoExecutionException(
          "No "
              + file
              + ": ecr-deploy:health gates the image that ecr-deploy:push pushed. Bind push before"
              + " health (<goals><goal>push</goal><goal>health</goal></goals>) and run mvn"
              + " deploy.");
    }
    try {
      return JsonReports.read(file, PushResult.class);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
