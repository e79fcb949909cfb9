package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.ImageTag;
import io.github.ecrdeploy.JsonReports;
import io.github.ecrdeploy.ecr.EcrClients;
import io.github.ecrdeploy.ecr.EcrConnection;
import io.github.ecrdeploy.ecr.EcrDeployException;
import io.github.ecrdeploy.ecr.EcrPush;
import io.github.ecrdeploy.ecr.JibUpload;
import io.github.ecrdeploy.ecr.PushResult;
import io.github.ecrdeploy.ecr.RepositoryConfig;
import io.github.ecrdeploy.ecr.SharedRetries;
import io.github.ecrdeploy.ecr.ThrottlingRetries;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ByteSize;
import io.github.ecrdeploy.image.ImageBuildException;
import io.github.ecrdeploy.image.ImagePlatform;
import io.github.ecrdeploy.image.ImageReport;
import io.github.ecrdeploy.image.PushProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Pushes the image that {@code build} described in {@code image.json} to ECR: logs in through the
 * AWS SDK's credentials chain, creates the repository when asked, uploads only missing layers,
 * points the tags at the image and checks the pushed digest equals the built one. Writes {@code
 * target/ecr-deploy/push.json}.
 */
@Mojo(
    name = "push",
    defaultPhase = LifecyclePhase.DEPLOY,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class PushMojo extends AbstractImageMojo {
  static final String PUSH_JSON = "push.json";

  @Parameter(defaultValue = "${plugin}", readonly = true)
  private PluginDescriptor plugin;

  /** Skips this goal only. */
  @Parameter(property = "ecr.push.skip", defaultValue = "false")
  private boolean pushSkip;

  /** Tags to point at the image; comma-separated with {@code -Decr.tags}. */
  @Parameter(property = "ecr.tags", defaultValue = "${project.version}")
  private List<String> tags = new ArrayList<>();

  /** Create the repository when it does not exist. */
  @Parameter(property = "ecr.createRepository", defaultValue = "true")
  private boolean createRepository;

  /** Settings for a repository that push creates. */
  @Parameter private RepositoryConfig repositorySettings = new RepositoryConfig();

  /** This push's ECR calls that were throttled and retried. */
  private final ThrottlingRetries throttled = new ThrottlingRetries();

  @Override
  protected String goal() {
    return "push";
  }

  @Override
  protected Optional<String> networkUse() {
    return Optional.of("ECR and its registry, to upload the image");
  }

  @Override
  protected boolean goalSkipped() {
    return pushSkip;
  }

  @Override
  protected void checkConfiguration(ConfigProblems problems) {
    problems.add(repositoryProblem());
    problems.check(this::validatedTags);
    problems.addAll(repositorySettings.problems());
    problems.check(this::imagePlatforms);
    problems.check(this::connection);
  }

  @Override
  protected void run() throws MojoExecutionException {
    PushResult result = push();
    recordInReactorSummary(
        Optional.of(
            ReactorSummary.Module.pushed(
                    project.getArtifactId(),
                    result.imageUri(),
                    result.digest(),
                    result.tags(),
                    result.bytesUploaded(),
                    result.layersUploaded() > 0 || !result.tagsMoved().isEmpty())
                .withThrottlingRetries(result.throttlingRetries())));
  }

  @Override
  protected void failed(MojoExecutionException e) {
    recordInReactorSummary(
        Optional.of(
            ReactorSummary.Module.failed(project.getArtifactId(), e.getMessage())
                .withThrottlingRetries(throttled.count())));
  }

  @Override
  protected void skipped(String reason) {
    recordInReactorSummary(
        reason == null
            ? Optional.empty()
            : Optional.of(ReactorSummary.Module.skipped(project.getArtifactId(), reason)));
  }

  private void recordInReactorSummary(Optional<ReactorSummary.Module> outcome) {
    ReactorSummary.record(session, project, plugin, outcome, getLog());
  }

  private PushResult push() throws MojoExecutionException {
    List<String> cleanTags = validatedTags();
    List<ImagePlatform> imagePlatforms = imagePlatforms();
    EcrConnection connection = connection();
    BuiltImage built = builtImage();
    try {
      EcrClients.region(connection);
      EcrPush.Request request =
          new EcrPush.Request(
              connection,
              repository,
              createRepository,
              repositorySettings,
              cleanTags,
              built,
              imagePlatforms,
              containerSpec(),
              baseCredentials());
      JibUpload upload =
          new JibUpload(
              baseImageCache.toPath(), allowInsecureRegistries, retries, progressMode(), log());
      PushResult result;
      try (EcrClient ecr =
          EcrClients.create(
              connection,
              log(),
              BuildScoped.get(session, SharedRetries.class, SharedRetries::new),
              throttled)) {
        result = new EcrPush(ecr, upload, registryLogins(), log()).push(request);
      }
      result = result.withThrottlingRetries(throttled.count());
      if (result.throttlingRetries() > 0) {
        getLog()
            .info(
                "ECR throttled "
                    + result.throttlingRetries()
                    + " API call(s) of this push; retried with backoff");
      }
      JsonReports.write(outputDirectory.toPath().resolve(PUSH_JSON), result);
      getLog().info("Pushed " + result.imageUri());
      getLog()
          .info(
              "  tags "
                  + String.join(", ", result.tags())
                  + " | layers uploaded "
                  + result.layersUploaded()
                  + " ("
                  + ByteSize.format(result.bytesUploaded())
                  + "), already there "
                  + result.layersSkipped());
      result.platforms().forEach(p -> getLog().info("  " + p.platform() + " " + p.digest()));
      return result;
    } catch (EcrDeployException | ImageBuildException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot read or write " + outputDirectory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Layer progress: nothing under -q, a line per layer in batch mode (-B), throttled updates
   * interactively.
   */
  private PushProgress.Mode progressMode() {
    if (!getLog().isInfoEnabled()) {
      return PushProgress.Mode.QUIET;
    }
    return session.getRequest().isInteractiveMode()
        ? PushProgress.Mode.INTERACTIVE
        : PushProgress.Mode.BATCH;
  }

  private List<String> validatedTags() throws MojoExecutionException {
    LinkedHashSet<String> clean = new LinkedHashSet<>();
    for (String tag : tags) {
      if (tag != null && !tag.isBlank()) {
        clean.add(tag.trim());
      }
    }
    if (clean.isEmpty()) {
      throw new MojoExecutionException(
          "<tags> (ecr.tags) is empty: give at least one tag, e.g. ${project.version}");
    }
    List<String> bad = clean.stream().filter(t -> !ImageTag.isValid(t)).toList();
    if (!bad.isEmpty()) {
      throw new MojoExecutionException(
          "<tags> "
              + bad
              + " are not valid image tags: use letters, digits, '_', '.', '-' (max 128, not"
              + " starting with . or -)");
    }
    return List.copyOf(clean);
  }

  private BuiltImage builtImage() throws MojoExecutionException {
    Path report = outputDirectory.toPath().resolve(ImageReport.FILE_NAME);
    try {
      return ImageReport.read(report)
          .orElseThrow(
              () ->
                  new MojoExecutionException(
                      "No "
                          + report
                          + ": ecr-deploy:push pushes the image that ecr-deploy:build made at"
                          + " package. Run mvn deploy (or mvn package ecr-deploy:push) with the"
                          + " build goal bound."));
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read " + report + ": " + e.getMessage(), e);
    }
  }
}
