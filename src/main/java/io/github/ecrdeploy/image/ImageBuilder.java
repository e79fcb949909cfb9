package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the image from a {@link ContainerSpec}: its report {@code image.json}, its manifest and,
 * when asked for, the image archive {@code image.tar} (which only {@code smoke} reads). Jib hands
 * the image over as an archive stream ({@link ArchiveCapture}); the manifest is read from that
 * stream, so no archive is written and read back.
 */
public final class ImageBuilder {
  public static final String IMAGE_TAR = "image.tar";

  /** The application layer cache, below the output directory; push reuses its layers. */
  public static final String LAYER_CACHE = "cache";

  static final String TOOL_NAME = "ecr-deploy-maven-plugin";
  private static final String BASE_DIGEST_PREFIX = "Using base image with digest: ";

  private final Path outputDirectory;
  private final Path baseLayersCache;
  private final boolean allowInsecureRegistries;
  private final boolean offline;
  private final boolean writeTar;
  private final Log log;
  private boolean alwaysCacheBaseImage;

  /**
   * @param outputDirectory where image.tar, image.json and the application layer cache go
   * @param baseLayersCache base image layer cache shared between projects
   * @param offline no network: a registry base image must be in {@code baseLayersCache} (Maven's
   *     --offline)
   * @param writeTar whether to write {@code image.tar}; when false, an archive left by an earlier
   *     build is removed so that nothing runs a stale image
   */
  public ImageBuilder(
      Path outputDirectory,
      Path baseLayersCache,
      boolean allowInsecureRegistries,
      boolean offline,
      boolean writeTar,
      Log log) {
    this.outputDirectory = outputDirectory;
    this.baseLayersCache = baseLayersCache;
    this.allowInsecureRegistries = allowInsecureRegistries;
    this.offline = offline;
    this.writeTar = writeTar;
    this.log = log;
  }

  /**
   * The base image cache for a push of {@code image} whose repository lacks none of its base
   * layers: the stand-ins its build left (see {@link BaseLayerStandIns}), with which Jib asks the
   * base image's registry nothing; otherwise {@code baseLayersCache}.
   *
   * @param missing the image's layers the repository lacks
   */
  public static Path baseLayersCacheForPush(
      BuiltImage image, List<ImageLayer> missing, Path baseLayersCache) {
    if (missing.stream().anyMatch(layer -> layer.kind() == LayerKind.BASE)) {
      return baseLayersCache;
    }
    return BaseLayerStandIns.forPush(image.outputDirectory()).orElse(baseLayersCache);
  }

  /**
   * Whether a build without an archive still downloads the base image's layers into the base layer
   * cache (for later {@code --offline} builds); by default it downloads none ({@link
   * BaseLayerStandIns}).
   */
  public ImageBuilder alwaysCacheBaseImage(boolean always) {
    this.alwaysCacheBaseImage = always;
    return this;
  }

  /**
   * What {@link #buildUnlessUnchanged} did.
   *
   * @param image the image built, or the previous build's when nothing changed
   * @param keptBecause what was compared, when the previous image was kept; null when built
   */
  public record Outcome(BuiltImage image, String keptBecause) {}

  /**
   * Builds the image, checks it against {@code maxImageSize} (bytes, or null for no budget) and
   * writes image.json. Over budget, image.json is removed so that no later goal pushes the image.
   */
  public BuiltImage build(
      ContainerSpec spec, BaseImage.Credentials credentials, String imageName, Long maxImageSize)
      throws ImageBuildException {
    ContainerPlanner.Plan plan = ContainerPlanner.planWithLayers(spec, credentials);
    try (BaseImageLookup base = lookup(spec, credentials)) {
      ContainerSpec pinned =
          noBaseLayerNeeded() && spec.from().registryReference().isPresent()
              ? pinned(spec, base.digest())
              : spec;
      return build(
          pinned,
          credentials,
          plan.withFrom(pinned.from()),
          layerInputs(plan),
          imageName,
          maxImageSize,
          null,
          base);
    }
  }

  /**
   * Like {@link #build}, unless the previous build in the output directory had the same inputs
   * ({@link BuildInputs}: configuration, layer inputs, base image digest, plugin): then it keeps
   * that build's files, writes nothing and does not run Jib. Offline (where the base image digest
   * cannot be asked for) it always builds. The configuration is checked before the registry is
   * asked for the digest.
   */
  public Outcome buildUnlessUnchanged(
      ContainerSpec spec, BaseImage.Credentials credentials, String imageName, Long maxImageSize)
      throws ImageBuildException {
    ContainerPlanner.Plan plan = ContainerPlanner.planWithLayers(spec, credentials);
    List<LayerInputs> inputs = layerInputs(plan);
    try (BaseImageLookup base = lookup(spec, credentials)) {
      Optional<String> digest = offline ? Optional.empty() : base.digest();
      String fingerprint = null;
      if (digest.isPresent()) {
        try {
          fingerprint =
              BuildInputs.fingerprint(
                  spec, inputs, digest.get(), imageName, maxImageSize, writeTar);
        } catch (IOException e) {
          throw new ImageBuildException("Cannot describe the build's inputs: " + e.getMessage(), e);
        }
        BuiltImage kept = BuildInputs.unchanged(outputDirectory, fingerprint, writeTar);
        if (kept != null) {
          return new Outcome(
              kept,
              "layer inputs, configuration, base image "
                  + spec.from().text()
                  + " "
                  + Text.shortDigest(digest.get())
                  + ", plugin");
        }
      }
      ContainerSpec pinned = pinned(spec, digest);
      return new Outcome(
          build(
              pinned,
              credentials,
              plan.withFrom(pinned.from()),
              inputs,
              imageName,
              maxImageSize,
              fingerprint,
              base),
          null);
    }
  }

  private BaseImageLookup lookup(ContainerSpec spec, BaseImage.Credentials credentials) {
    return new BaseImageLookup(spec.from(), credentials, allowInsecureRegistries, log);
  }

  /**
   * Whether the build needs no base layer's bytes: then Jib builds from the base image's digest
   * with a prepared cache ({@link BaseLayerStandIns}) and asks its registry for nothing. With an
   * archive, offline, or when asked to cache the base image, Jib is not pinned: its base image
   * cache is keyed on the reference, and a later offline build looks the base up by tag.
   */
  private boolean noBaseLayerNeeded() {
    return !writeTar && !offline && !alwaysCacheBaseImage;
  }

  /**
   * {@code spec} with a registry {@code <from>} pinned to {@code digest} when no base layer is
   * needed.
   */
  private ContainerSpec pinned(ContainerSpec spec, Optional<String> digest) {
    return noBaseLayerNeeded() ? spec.withFrom(spec.from().pinnedTo(digest.orElse(null))) : spec;
  }

  private static List<LayerInputs> layerInputs(ContainerPlanner.Plan plan)
      throws ImageBuildException {
    List<LayerInputs> inputs = new ArrayList<>();
    try {
      for (PlannedLayer layer : plan.layers()) {
        inputs.add(LayerInputs.of(layer));
      }
    } catch (IOException e) {
      throw new ImageBuildException("Cannot read the layer inputs: " + e.getMessage(), e);
    }
    return inputs;
  }

  /** Runs Jib; records {@code fingerprint} (unless null) once every output is written. */
  private BuiltImage build(
      ContainerSpec spec,
      BaseImage.Credentials credentials,
      ContainerPlanner.Plan plan,
      List<LayerInputs> inputs,
      String imageName,
      Long maxImageSize,
      String fingerprint,
      BaseImageLookup base)
      throws ImageBuildException {
    Path report = outputDirectory.resolve(ImageReport.FILE_NAME);
    BuiltImage previous = previousImage(report);
    Path tar = outputDirectory.resolve(IMAGE_TAR);
    Path partialTar = outputDirectory.resolve(IMAGE_TAR + ".partial");
    AtomicReference<String> baseDigest = new AtomicReference<>();
    ArchiveCapture capture = new ArchiveCapture(writeTar ? partialTar : null);
    JibContainer container;
    Path baseCache = baseLayersCache;
    try {
      Files.createDirectories(outputDirectory);
      BuildInputs.forget(outputDirectory);
      Files.deleteIfExists(tar);
      BaseLayerStandIns.remove(outputDirectory);
      Optional<ImageReference> pinned =
          spec.from().registryReference().filter(reference -> reference.getDigest().isPresent());
      Optional<BaseImageLookup.Description> description =
          noBaseLayerNeeded() && pinned.isPresent() ? base.describe() : Optional.empty();
      if (description.isPresent()) {
        baseCache =
            BaseLayerStandIns.prepare(
                pinned.get(), description.get(), baseLayersCache, outputDirectory);
      }
      Containerizer containerizer =
          Containerizer.to(capture, DockerDaemonImage.named(imageName))
              .setApplicationLayersCache(outputDirectory.resolve(LAYER_CACHE))
              .setBaseImageLayersCache(baseCache)
              .setAllowInsecureRegistries(allowInsecureRegistries)
              .setOfflineMode(offline)
              .setToolName(TOOL_NAME)
              .addEventHandler(LogEvent.class, event -> onLogEvent(event, baseDigest));
      container = plan.jib().containerize(containerizer);
      if (writeTar) {
        Files.move(
            partialTar, tar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException(
          "<repository> gives an invalid image name '" + imageName + "'", e);
    } catch (ExecutionException e) {
      throw new ImageBuildException(
          OfflineBaseImage.notCached(e.getCause(), spec.from(), baseLayersCache)
              .orElseGet(
                  () ->
                      "Building the image from <from> "
                          + spec.from().text()
                          + " failed: "
                          + JibFailures.describe(e.getCause())),
          e.getCause());
    } catch (RegistryException | IOException | CacheDirectoryCreationException e) {
      throw new ImageBuildException(
          OfflineBaseImage.notCached(e, spec.from(), baseLayersCache)
              .orElseGet(() -> "Building the image failed: " + JibFailures.describe(e)),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("Interrupted while building the image", e);
    }
    BuiltImage image =
        describe(
            spec,
            plan.layers(),
            inputs,
            capture,
            writeTar ? tar : null,
            container,
            Optional.ofNullable(baseDigest.get())
                .or(() -> spec.from().registryReference().flatMap(ImageReference::getDigest))
                .orElse(null),
            previous);
    try {
      if (maxImageSize != null && image.sizeBytes() > maxImageSize) {
        Files.deleteIfExists(report);
        throw new ImageBuildException(SizeBudget.overBudgetMessage(image, maxImageSize));
      }
      SpecFingerprint.write(outputDirectory, spec);
      ImageReport.write(report, image);
      if (fingerprint != null) {
        BuildInputs.write(outputDirectory, fingerprint);
      }
    } catch (IOException e) {
      throw new ImageBuildException("Cannot write " + report + ": " + e.getMessage(), e);
    }
    return image;
  }

  private void onLogEvent(LogEvent event, AtomicReference<String> baseDigest) {
    String message = event.getMessage();
    if (message.startsWith(BASE_DIGEST_PREFIX)) {
      baseDigest.set(message.substring(BASE_DIGEST_PREFIX.length()).trim());
    }
    JibLog.forward(event, log);
  }

  private BuiltImage describe(
      ContainerSpec spec,
      List<PlannedLayer> planned,
      List<LayerInputs> inputs,
      ArchiveCapture capture,
      Path tar,
      JibContainer container,
      String registryBaseDigest,
      BuiltImage previous)
      throws ImageBuildException {
    try {
      ImageTarball tarball = capture.captured();
      String digest = container.getDigest().toString();
      if (!digest.equals(tarball.manifestDigest())) {
        throw new ImageBuildException(
            "Internal error: the archive's manifest "
                + tarball.manifestDigest()
                + " is not the built image "
                + digest);
      }
      ImageManifest.write(outputDirectory, tarball.manifestBytes(), tarball.manifestMediaType());
      List<ImageTarball.Descriptor> blobs = tarball.layers();
      int baseCount = blobs.size() - planned.size();
      String baseDigest =
          spec.from().tarFile().isPresent()
              ? BaseImageLookup.sha256(spec.from().tarFile().get())
              : registryBaseDigest;
      LayerInputs baseInputs = LayerInputs.ofBase(spec.from().text(), baseDigest);
      List<ImageLayer> layers = new ArrayList<>();
      for (int i = 0; i < blobs.size(); i++) {
        ImageTarball.Descriptor blob = blobs.get(i);
        if (i < baseCount) {
          layers.add(
              LayerChanges.layer(
                  LayerKind.BASE,
                  LayerKind.BASE.label(),
                  blob.digest(),
                  blob.size(),
                  baseInputs,
                  previous));
        } else {
          PlannedLayer layer = planned.get(i - baseCount);
          layers.add(
              LayerChanges.layer(
                  layer.kind(),
                  layer.label(),
                  blob.digest(),
                  blob.size(),
                  inputs.get(i - baseCount),
                  previous));
        }
      }
      long size = blobs.stream().mapToLong(ImageTarball.Descriptor::size).sum();
      return new BuiltImage(
          digest,
          container.getImageId().toString(),
          size,
          spec.from().text(),
          baseDigest,
          spec.creationTime().toString(),
          tar == null ? null : tar.toString(),
          outputDirectory.toAbsolutePath().toString(),
          layers);
    } catch (IOException e) {
      throw new ImageBuildException(
          "Cannot read the built image in " + outputDirectory + ": " + e.getMessage(), e);
    }
  }

  /** The previous build's image.json in this output directory, or null. */
  private static BuiltImage previousImage(Path report) {
    try {
      return ImageReport.read(report).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
