package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.Text;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ByteSize;
import io.github.ecrdeploy.image.ImageBuildException;
import io.github.ecrdeploy.image.ImageBuilder;
import io.github.ecrdeploy.image.ImageIndex;
import io.github.ecrdeploy.image.ImageLayer;
import io.github.ecrdeploy.image.ImagePlatform;
import io.github.ecrdeploy.image.LayerKind;
import io.github.ecrdeploy.image.MultiPlatformBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds a layered, reproducible image from the packaged jar and its runtime dependencies, without
 * a Docker daemon, describes it in {@code target/ecr-deploy/image.json} and keeps its manifest;
 * writes the archive {@code target/ecr-deploy/image.tar} when {@code smoke} will run it (or {@code
 * <writeTar>} says so).
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BuildMojo extends AbstractImageMojo {
  /** Skips this goal only. */
  @Parameter(property = "ecr.build.skip", defaultValue = "false")
  private boolean buildSkip;

  /**
   * Fails the build when the compressed image, base included, is larger, e.g. {@code 150MB} (KB,
   * MB, GB decimal; KiB, MiB, GiB binary); the message names the three largest layers.
   */
  @Parameter(property = "ecr.maxImageSize")
  private String maxImageSize;

  /**
   * Writes the image archive {@code image.tar} (for {@code podman load}, {@code skopeo}, {@code
   * smoke}): {@code true} always, {@code false} never; unset, only when {@code ecr-deploy:smoke}
   * runs later in the same build (or the build plan is unknown).
   */
  @Parameter(property = "ecr.writeTar")
  private Boolean writeTar;

  /**
   * Downloads the base image's layers into {@code <baseImageCache>} also when no {@code image.tar}
   * is written, so that later {@code --offline} builds find them. By default such a build downloads
   * only the base image's manifest and config (as {@code jib:build}, whose {@code
   * jib.alwaysCacheBaseImage} this mirrors).
   */
  @Parameter(property = "ecr.alwaysCacheBaseImage", defaultValue = "false")
  private boolean alwaysCacheBaseImage;

  @Override
  protected String goal() {
    return "build";
  }

  /** Offline, Jib uses base images from its layer cache only (see run). */
  @Override
  protected Optional<String> networkUse() {
    return Optional.empty();
  }

  @Override
  protected boolean goalSkipped() {
    return buildSkip;
  }

  @Override
  protected void checkConfiguration(ConfigProblems problems) {
    problems.add(repositoryProblem());
    problems.check(this::imagePlatforms);
    problems.check(this::sizeBudget);
    problems.check(this::connection);
  }

  @Override
  protected void run() throws MojoExecutionException {
    List<ImagePlatform> imagePlatforms = imagePlatforms();
    Long budget = sizeBudget();
    try {
      if (!imagePlatforms.isEmpty()) {
        buildPlatforms(imagePlatforms, budget);
        return;
      }
      ImageBuilder builder =
          new ImageBuilder(
              outputDirectory.toPath(),
              baseImageCache.toPath(),
              allowInsecureRegistries,
              session.isOffline(),
              archiveWanted(),
              log());
      builder.alwaysCacheBaseImage(alwaysCacheBaseImage);
      ImageBuilder.Outcome outcome =
          builder.buildUnlessUnchanged(
              containerSpec(), baseCredentials(), repository + ":" + project.getVersion(), budget);
      if (outcome.keptBecause() != null) {
        getLog()
            .info(
                "Nothing changed since the last build ("
                    + outcome.keptBecause()
                    + "): kept image "
                    + outcome.image().digest()
                    + ", wrote nothing, Jib not run");
        return;
      }
      printSummary(outcome.image());
    } catch (ImageBuildException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** {@code <writeTar>}, or whether smoke runs in this build (true when the plan is unknown). */
  private boolean archiveWanted() {
    if (writeTar != null) {
      return writeTar;
    }
    return BuildConfigurationCheck.goalsToRun(project).map(g -> g.contains("smoke")).orElse(true);
  }

  private void printNoArchive() {
    getLog()
        .info(
            writeTar != null
                ? "  No image.tar (<writeTar>false</writeTar>)"
                : "  No image.tar: no ecr-deploy:smoke in this build (<writeTar>true</writeTar>"
                    + " writes it)");
  }

  /** {@code <maxImageSize>} in bytes, or null when there is no budget. */
  private Long sizeBudget() throws MojoExecutionException {
    if (maxImageSize == null || maxImageSize.isBlank()) {
      return null;
    }
    try {
      return ByteSize.parse(maxImageSize);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("<maxImageSize> (ecr.maxImageSize): " + e.getMessage());
    }
  }

  private void buildPlatforms(List<ImagePlatform> imagePlatforms, Long budget)
      throws MojoExecutionException, ImageBuildException {
    MultiPlatformBuilder builder =
        new MultiPlatformBuilder(
            outputDirectory.toPath(),
            baseImageCache.toPath(),
            allowInsecureRegistries,
            session.isOffline(),
            archiveWanted(),
            log());
    builder.alwaysCacheBaseImage(alwaysCacheBaseImage);
    BuiltImage index =
        builder.build(
            containerSpec(),
            baseCredentials(),
            repository + ":" + project.getVersion(),
            budget,
            imagePlatforms);
    for (BuiltImage image : index.platforms()) {
      getLog().info(image.platform() + ":");
      printSummary(image);
    }
    getLog()
        .info(
            "Built image index "
                + repository
                + " "
                + index.digest()
                + " ("
                + ImageIndex.FILE_NAME
                + ")");
    if (index.imageTar() != null) {
      getLog().info("  " + index.imageTar() + " holds the " + index.defaultPlatform() + " image");
    }
  }

  private void printSummary(BuiltImage image) {
    getLog().info("Built image " + repository + " " + image.digest());
    getLog()
        .info(
            String.format(
                Locale.ROOT, "  %-24s %12s  %-7s %s", "LAYER", "SIZE", "CACHE", "DIGEST"));
    for (ImageLayer layer : image.layers()) {
      String cache = layer.kind() == LayerKind.BASE ? "base" : layer.reused() ? "reused" : "built";
      getLog()
          .info(
              String.format(
                  Locale.ROOT,
                  "  %-24s %12s  %-7s %s",
                  layer.label(),
                  ByteSize.format(layer.sizeBytes()),
                  cache,
                  Text.shortDigest(layer.digest())));
    }
    getLog()
        .info(
            String.format(
                Locale.ROOT,
                "  %-24s %12s",
                "total (compressed)",
                ByteSize.format(image.sizeBytes())));
    if (image.imageTar() != null) {
      getLog().info("  archive: " + image.imageTar());
    } else if (image.platform() == null) {
      printNoArchive();
    }
    printCache(image);
  }

  private void printCache(BuiltImage image) {
    List<String> reasons =
        image.layers().stream().map(ImageLayer::changedBecause).filter(r -> r != null).toList();
    boolean allReused = image.layers().stream().allMatch(ImageLayer::reused);
    if (allReused) {
      getLog().info("  Every layer was reused from the previous build");
    }
    reasons.stream().distinct().forEach(reason -> getLog().info("  " + reason));
    if (image.cacheHitRatio() != null) {
      long reused =
          image.layers().stream().filter(ImageLayer::reused).mapToLong(ImageLayer::sizeBytes).sum();
      getLog()
          .info(
              String.format(
                  Locale.ROOT,
                  "  cache hit: %.1f%% (%s of %s reused)",
                  image.cacheHitRatio() * 100,
                  ByteSize.format(reused),
                  ByteSize.format(image.sizeBytes())));
    }
  }
}
