package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.DurationParser;
import io.github.ecrdeploy.JsonReports;
import io.github.ecrdeploy.Text;
import io.github.ecrdeploy.ecr.EcrClients;
import io.github.ecrdeploy.ecr.EcrConnection;
import io.github.ecrdeploy.ecr.EcrDeployException;
import io.github.ecrdeploy.ecr.LifecycleApi;
import io.github.ecrdeploy.ecr.PushResult;
import io.github.ecrdeploy.health.HealthConfig;
import io.github.ecrdeploy.lifecycle.InvalidLifecyclePolicyException;
import io.github.ecrdeploy.lifecycle.LifecyclePolicy;
import io.github.ecrdeploy.lifecycle.LifecyclePolicyConfig;
import io.github.ecrdeploy.lifecycle.LifecycleReport;
import io.github.ecrdeploy.lifecycle.LifecycleSimulator;
import io.github.ecrdeploy.lifecycle.PolicyDiff;
import io.github.ecrdeploy.lifecycle.PolicyJson;
import io.github.ecrdeploy.lifecycle.PolicyLinter;
import io.github.ecrdeploy.lifecycle.PolicyValidator;
import io.github.ecrdeploy.lifecycle.PreviewedImage;
import io.github.ecrdeploy.lifecycle.ProtectedImageAtRisk;
import io.github.ecrdeploy.lifecycle.ProtectedTag;
import io.github.ecrdeploy.lifecycle.ProtectedTagGuard;
import io.github.ecrdeploy.lifecycle.Simulation;
import io.github.ecrdeploy.lifecycle.SimulationTable;
import io.github.ecrdeploy.lifecycle.StorageCost;
import io.github.ecrdeploy.lifecycle.StoragePrices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Keeps the repository's ECR lifecycle policy as written in the POM: validated locally with ECR's
 * rules, linted, simulated over the repository's images, refused when it would expire a protected
 * image, and applied only when it differs from the policy ECR has. {@code -Decr.lifecycle.dryRun}
 * shows what would expire (offline simulation and ECR's own preview) and changes nothing. Writes
 * {@code target/ecr-deploy/lifecycle.json}.
 */
@Mojo(name = "lifecycle", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class LifecycleMojo extends AbstractRepositoryMojo {
  static final String LIFECYCLE_JSON = "lifecycle.json";

  /**
   * The policy: {@code <rules>} or {@code <policyFile>}, {@code <protectedTags>}, {@code
   * <failOnWarning>}, {@code <pricing>} (USD per GB-month for the storage report).
   */
  @Parameter private LifecyclePolicyConfig lifecyclePolicy;

  /**
   * The health goal's {@code <health>}: the images its {@code <promoteTags>} and their previous
   * tags point at are protected.
   */
  @Parameter private HealthConfig health = new HealthConfig();

  /** Simulate and run ECR's preview; change nothing. */
  @Parameter(property = "ecr.lifecycle.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Apply even when the policy would expire or archive an image that carries a protected tag. */
  @Parameter(property = "ecr.lifecycle.force", defaultValue = "false")
  private boolean force;

  /** How long a dry run waits for ECR's preview. */
  @Parameter(property = "ecr.lifecycle.previewTimeout", defaultValue = "120s")
  private String previewTimeout;

  /** Skips this goal only. */
  @Parameter(property = "ecr.lifecycle.skip", defaultValue = "false")
  private boolean lifecycleSkip;

  @Override
  protected String goal() {
    return "lifecycle";
  }

  @Override
  protected Optional<String> networkUse() {
    return Optional.of("the ECR API, to read and apply the lifecycle policy");
  }

  @Override
  protected boolean goalSkipped() {
    return lifecycleSkip;
  }

  /** Without a {@code <lifecyclePolicy>} the goal does nothing, so there is nothing to check. */
  @Override
  protected void checkConfiguration(ConfigProblems problems) {
    if (lifecyclePolicy == null) {
      return;
    }
    problems.add(repositoryProblem());
    problems.check(this::policy);
    problems.check(this::prices);
    problems.check(this::previewTimeout);
    problems.check(this::connection);
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    if (lifecyclePolicy == null) {
      getLog().info("No <lifecyclePolicy> configured: nothing to do");
      return;
    }
    LifecyclePolicy policy = policy();
    StoragePrices prices = prices();
    Duration previewWait = previewTimeout();
    EcrConnection connection = connection();
    List<String> warnings = PolicyLinter.lint(policy, true);
    warnings.forEach(w -> getLog().warn(policy.source() + ": " + w));
    if (lifecyclePolicy.isFailOnWarning() && !warnings.isEmpty()) {
      throw new MojoFailureException(
          warnings.size() + " lifecycle policy warning(s) and <failOnWarning> is true; see above");
    }
    String text = PolicyJson.render(policy);
    List<ProtectedTag> protection = protectedTags();
    Set<String> protectedTags = new LinkedHashSet<>();
    protection.forEach(p -> protectedTags.add(p.tag()));
    try (EcrClient ecr = EcrClients.create(connection, log())) {
      LifecycleApi api = new LifecycleApi(ecr, connection.registryId(), repository);
      PolicyDiff diff = PolicyDiff.between(dryRun ? null : api.currentPolicy().orElse(null), text);
      if (!dryRun && diff.isEmpty()) {
        getLog().info("Lifecycle policy of " + repository + " is up to date: nothing to apply");
        write(LifecycleReport.upToDate(text, warnings, protection));
        return;
      }
      LifecycleApi.Listing listing = api.listing();
      Simulation simulation =
          LifecycleSimulator.simulate(policy, listing.images(), listing.indexes(), Instant.now());
      printSimulation(simulation);
      StorageCost.StorageReport storage = StorageCost.of(simulation, listing.storage(), prices);
      printStorage(storage);
      getLog().info("Protected tags (the guard keeps their images):");
      protection.forEach(p -> getLog().info("  " + p));
      List<ProtectedImageAtRisk> atRisk =
          ProtectedTagGuard.imagesAtRisk(simulation, List.copyOf(protectedTags));
      if (dryRun) {
        dryRun(api, text, simulation, storage, atRisk, warnings, previewWait, protection);
        return;
      }
      if (!atRisk.isEmpty()) {
        atRisk.forEach(risk -> getLog().error(risk.message()));
        if (!force) {
          throw new MojoFailureException(
              "The lifecycle policy would expire or archive "
                  + atRisk.size()
                  + " image(s) carrying protected tags "
                  + protectedTags
                  + "; nothing was applied. Fix the policy, or apply anyway with"
                  + " -Decr.lifecycle.force=true.");
        }
        getLog()
            .warn(
                "FORCED. Applying anyway: -Decr.lifecycle.force=true; the policy expires or"
                    + " archives "
                    + atRisk.size()
                    + " protected image(s)");
      }
      diff.changes().forEach(change -> getLog().info("  " + change));
      api.putPolicy(text);
      getLog().info("Applied the lifecycle policy to " + repository);
      write(
          LifecycleReport.applied(text, diff.changes(), warnings, simulation, protection, storage));
    } catch (EcrDeployException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private void dryRun(
      LifecycleApi api,
      String text,
      Simulation simulation,
      StorageCost.StorageReport storage,
      List<ProtectedImageAtRisk> atRisk,
      List<String> warnings,
      Duration previewWait,
      List<ProtectedTag> protection)
      throws EcrDeployException, MojoExecutionException {
    atRisk.forEach(risk -> getLog().warn(risk.message()));
    List<PreviewedImage> preview = api.preview(text, previewWait, Duration.ofSeconds(2));
    getLog().info("ECR's preview: " + preview.size() + " image(s) would expire or be archived");
    for (PreviewedImage result : preview) {
      getLog()
          .info(
              "  "
                  + result.action()
                  + " "
                  + Text.shortDigest(result.digest())
                  + " "
                  + result.tags()
                  + " rule "
                  + result.rulePriority());
    }
    LifecycleReport report =
        LifecycleReport.dryRun(text, warnings, simulation, preview, protection, storage);
    for (String disagreement : report.disagreements()) {
      getLog().warn("SIMULATION AND ECR PREVIEW DISAGREE: " + disagreement);
    }
    getLog().info("Dry run: nothing was changed");
    write(report);
  }

  private void printStorage(StorageCost.StorageReport storage) {
    getLog().info("Storage: " + storage.line());
    storage.ruleLines().forEach(line -> getLog().info("  " + line));
  }

  private void printSimulation(Simulation simulation) {
    SimulationTable.lines(simulation).forEach(line -> getLog().info(line));
  }

  /** The policy, validated with ECR's rules; every problem on its own line. */
  private LifecyclePolicy policy() throws MojoExecutionException {
    try {
      return PolicyValidator.validate(lifecyclePolicy);
    } catch (InvalidLifecyclePolicyException e) {
      String source = "<lifecyclePolicy>".equals(e.source()) ? "" : e.source() + ": ";
      throw new MojoExecutionException(
          String.join("\n", e.problems().stream().map(p -> source + p).toList()), e);
    }
  }

  /** The storage prices of {@code <pricing>}, defaults where it sets none. */
  private StoragePrices prices() throws MojoExecutionException {
    try {
      return StoragePrices.of(lifecyclePolicy.getPricing());
    } catch (InvalidLifecyclePolicyException e) {
      throw new MojoExecutionException(String.join("\n", e.problems()), e);
    }
  }

  /**
   * The guard's protected set: {@code <protectedTags>}, the tags push.json says this build pushed,
   * {@code <health><promoteTags>} and their previous tags.
   */
  private List<ProtectedTag> protectedTags() throws MojoExecutionException {
    List<String> pushedTags = List.of();
    Path pushed = outputDirectory.toPath().resolve(PushMojo.PUSH_JSON);
    if (Files.isRegularFile(pushed)) {
      try {
        pushedTags = JsonReports.read(pushed, PushResult.class).tags();
      } catch (IOException e) {
        throw new MojoExecutionException("Cannot read " + pushed + ": " + e.getMessage(), e);
      }
    }
    return ProtectedTag.defaults(
        lifecyclePolicy.getProtectedTags() == null ? List.of() : lifecyclePolicy.getProtectedTags(),
        pushedTags,
        health.getPromoteTags() == null ? List.of() : health.getPromoteTags(),
        health::previousTag);
  }

  private Duration previewTimeout() throws MojoExecutionException {
    try {
      Duration timeout = DurationParser.parse(previewTimeout);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("must be positive");
      }
      return timeout;
    } catch (RuntimeException e) {
      throw new MojoExecutionException(
          "<previewTimeout> (ecr.lifecycle.previewTimeout) '"
              + previewTimeout
              + "': use e.g. 120s or 2m");
    }
  }

  private void write(LifecycleReport report) throws MojoExecutionException {
    Path file = outputDirectory.toPath().resolve(LIFECYCLE_JSON);
    try {
      JsonReports.write(file, report);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
