package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.DurationParser;
import io.github.ecrdeploy.ImageTag;
import io.github.ecrdeploy.JsonReports;
import io.github.ecrdeploy.Text;
import io.github.ecrdeploy.ecr.EcrClients;
import io.github.ecrdeploy.ecr.EcrConnection;
import io.github.ecrdeploy.ecr.EcrDeployException;
import io.github.ecrdeploy.ecr.RollbackPlan;
import io.github.ecrdeploy.ecr.Rollbacks;
import io.github.ecrdeploy.health.DeployCommandException;
import io.github.ecrdeploy.health.DeployCommandRunner;
import io.github.ecrdeploy.health.DeployedImage;
import io.github.ecrdeploy.health.HealthConfig;
import io.github.ecrdeploy.health.HealthConfigException;
import io.github.ecrdeploy.health.HealthConfigValidator;
import io.github.ecrdeploy.health.HealthGateResult;
import io.github.ecrdeploy.health.HealthGateSettings;
import io.github.ecrdeploy.health.RollbackReport;
import io.github.ecrdeploy.health.RollbackRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Rolls a release back by hand ({@code mvn ecr-deploy:rollback}, no default phase): runs {@code
 * <health><deployCommand>} with the image of {@code <first promote tag>-previous} (or {@code
 * -Decr.rollback.to}), gates it with the endpoints' status expectations, and only when green moves
 * each promote tag to that image and its previous tag to the image it left, so that a second
 * roll-back rolls forward. Red: no tag moves. Writes {@code target/ecr-deploy/rollback.json}.
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractRepositoryMojo {
  static final String ROLLBACK_JSON = "rollback.json";

  /** The same {@code <health>} as the health goal: endpoints, promote tags, deploy command. */
  @Parameter private HealthConfig health = new HealthConfig();

  /**
   * The image to roll back to, a tag or {@code sha256:} digest in the repository; default: the
   * image of the first promote tag's previous tag ({@code prod-previous}).
   */
  @Parameter(property = "ecr.rollback.to")
  private String to;

  /** Skips this goal only. */
  @Parameter(property = "ecr.rollback.skip", defaultValue = "false")
  private boolean rollbackSkip;

  @Override
  protected String goal() {
    return "rollback";
  }

  @Override
  protected Optional<String> networkUse() {
    return Optional.of("ECR, to find and move the promoted tags, and the service's endpoints");
  }

  @Override
  protected boolean goalSkipped() {
    return rollbackSkip;
  }

  @Override
  protected void checkConfiguration(ConfigProblems problems) {
    problems.add(repositoryProblem());
    problems.check(this::gateSettings);
    if (Text.blankToNull(health.getDeployCommand()) == null) {
      problems.add(
          "<health><deployCommand> is required: ecr-deploy:rollback runs it with the image to"
              + " roll back to");
    }
    if (health.getPromoteTags() == null || health.getPromoteTags().isEmpty()) {
      problems.add(
          "<health><promoteTags> is required: ecr-deploy:rollback moves them, e.g."
              + " <promoteTags><tag>prod</tag></promoteTags>");
    }
    String target = Text.blankToNull(to);
    if (target != null && !target.startsWith("sha256:") && !ImageTag.isValid(target)) {
      problems.add(
          "<to> (ecr.rollback.to) '"
              + to
              + "' is neither an image tag ("
              + ImageTag.RULE
              + ") nor a sha256: digest");
    }
    problems.check(this::connection);
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    HealthGateSettings gate = gateSettings();
    String target = Text.blankToNull(to);
    EcrConnection connection = connection();
    List<String> promote = health.getPromoteTags();
    try (EcrClient ecr = EcrClients.create(connection, log())) {
      Rollbacks rollbacks = new Rollbacks(ecr, connection.registryId(), repository, log());
      RollbackPlan plan = rollbacks.plan(promote, health::previousTag, target);
      getLog().info("Rolling " + promote + " back from " + plan.from() + " to " + plan.to());
      HealthGateResult result;
      try {
        result =
            new RollbackRun(
                    new DeployCommandRunner(System.getenv(), project.getBasedir().toPath()), log())
                .run(
                    health.getDeployCommand(),
                    new DeployedImage(plan.toUri(), plan.to(), plan.toTags()),
                    gate);
      } catch (DeployCommandException e) {
        write(
            new RollbackReport(
                plan.from(), plan.to(), List.of(), new RollbackReport.Gate(false, null)));
        throw new MojoFailureException(
            "Roll-back to "
                + plan.to()
                + ": <deployCommand> failed with exit code "
                + e.exitCode()
                + "; no tag moved",
            e);
      }
      if (!result.green()) {
        result.lines().forEach(getLog()::error);
        write(
            new RollbackReport(plan.from(), plan.to(), List.of(), RollbackReport.Gate.of(result)));
        throw new MojoFailureException(
            "Roll-back to "
                + plan.to()
                + " red: "
                + result.reason()
                + ". No tag moved: "
                + promote.get(0)
                + " still points at "
                + plan.from());
      }
      result.lines().forEach(getLog()::info);
      List<String> moved = rollbacks.swap(plan, promote, health::previousTag);
      write(new RollbackReport(plan.from(), plan.to(), moved, RollbackReport.Gate.of(result)));
      getLog()
          .info(
              "Rolled back to "
                  + plan.to()
                  + ", healthy after "
                  + DurationParser.format(result.timeToGreen())
                  + "; moved "
                  + moved);
    } catch (EcrDeployException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted during the roll-back", e);
    }
  }

  private HealthGateSettings gateSettings() throws MojoExecutionException {
    try {
      return HealthConfigValidator.validate(health, HealthCredentials.lookup(servers()));
    } catch (HealthConfigException e) {
      throw new MojoExecutionException(String.join("\n", e.problems()));
    }
  }

  private void write(RollbackReport report) throws MojoExecutionException {
    Path file = outputDirectory.toPath().resolve(ROLLBACK_JSON);
    try {
      JsonReports.write(file, report);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
