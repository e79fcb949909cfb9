package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.health.ContainerEngineException;
import io.github.ecrdeploy.health.HealthConfig;
import io.github.ecrdeploy.health.HealthConfigException;
import io.github.ecrdeploy.health.HealthConfigValidator;
import io.github.ecrdeploy.health.HealthReportWriter;
import io.github.ecrdeploy.health.SmokeConfig;
import io.github.ecrdeploy.health.SmokeResult;
import io.github.ecrdeploy.health.SmokeRun;
import io.github.ecrdeploy.health.SmokeSettings;
import io.github.ecrdeploy.image.ImageBuilder;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the built image ({@code target/ecr-deploy/image.tar}) in a local container engine before
 * anything is pushed, and applies the {@code <health>} checks to {@code
 * http://127.0.0.1:<smoke><port>}. The container is always removed. Writes {@code
 * target/ecr-deploy/smoke.json}.
 */
@Mojo(name = "smoke", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class SmokeMojo extends AbstractEcrMojo {
  static final String SMOKE_JSON = "smoke.json";

  /** Engine (auto, podman, docker), OCI runtime, service port, environment, timeout, required. */
  @Parameter private SmokeConfig smoke = new SmokeConfig();

  /** The endpoints; only their paths are used, against the local container. */
  @Parameter private HealthConfig health = new HealthConfig();

  /** Skips this goal only. */
  @Parameter(property = "ecr.smoke.skip", defaultValue = "false")
  private boolean smokeSkip;

  @Override
  protected String goal() {
    return "smoke";
  }

  /** Runs the local image.tar in the local container engine: no network needed. */
  @Override
  protected Optional<String> networkUse() {
    return Optional.empty();
  }

  @Override
  protected boolean goalSkipped() {
    return smokeSkip;
  }

  @Override
  protected void checkConfiguration(ConfigProblems problems) {
    problems.check(this::smokeSettings);
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    SmokeSettings settings = smokeSettings();
    Path archive = outputDirectory.toPath().resolve(ImageBuilder.IMAGE_TAR);
    SmokeResult result;
    try {
      result = new SmokeRun(System.getenv(), log()).run(settings, archive);
      HealthReportWriter.write(result, outputDirectory.toPath().resolve(SMOKE_JSON));
    } catch (NoSuchFileException e) {
      throw new MojoExecutionException(
          "No "
              + archive
              + ": ecr-deploy:build writes the image archive only when smoke runs in the same"
              + " build; set <writeTar>true</writeTar> (-Decr.writeTar=true) or run smoke in the"
              + " same build (e.g. mvn verify)");
    } catch (ContainerEngineException e) {
      throw new MojoFailureException(
          "Smoke test could not run the container: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("Smoke test failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted during the smoke test", e);
    }
    switch (result.outcome()) {
      case GREEN -> result.lines().forEach(getLog()::info);
      case RED -> {
        result.lines().forEach(getLog()::error);
        throw new MojoFailureException("Smoke test red: " + result.gate().reason());
      }
      case NO_ENGINE -> {
        if (settings.required()) {
          throw new MojoFailureException(result.message() + " (<smoke><required> is true)");
        }
        getLog()
            .warn(
                result.message()
                    + "; smoke test skipped (set <smoke><required>true to fail instead)");
      }
    }
  }

  private SmokeSettings smokeSettings() throws MojoExecutionException {
    try {
      return HealthConfigValidator.validateSmoke(
          smoke, health, HealthCredentials.lookup(servers()));
    } catch (HealthConfigException e) {
      throw new MojoExecutionException(String.join("\n", e.problems()));
    }
  }
}
