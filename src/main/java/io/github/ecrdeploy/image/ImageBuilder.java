package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import io.github.ecrdeploy.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
   * Builds the image, checks it against {@code maxImageSize} (bytes, or null for no budget) and
   * writes image.json. Over budget, image.json is removed so that no later goal pushes the image.
   */
  public BuiltImage build(
      ContainerSpec spec, BaseImage.Credentials credentials, String imageName, Long maxImageSize)
      throws ImageBuildException {
    ContainerPlanner.Plan plan = ContainerPlanner.planWithLayers(spec, credentials);
    Path report = outputDirectory.resolve(ImageReport.FILE_NAME);
    BuiltImage previous = previousImage(report);
    Path tar = outputDirectory.resolve(IMAGE_TAR);
    Path partialTar = outputDirectory.resolve(IMAGE_TAR + ".partial");
    AtomicReference<String> baseDigest = new AtomicReference<>();
    ArchiveCapture capture = new ArchiveCapture(writeTar ? partialTar : null);
    JibContainer container;
    try {
      Files.createDirectories(outputDirectory);
      Files.deleteIfExists(tar);
      Containerizer containerizer =
          Containerizer.to(capture, DockerDaemonImage.named(imageName))
              .setApplicationLayersCache(outputDirectory.resolve(LAYER_CACHE))
              .setBaseImageLayersCache(baseLayersCache)
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
            capture,
            writeTar ? tar : null,
            container,
            baseDigest.get(),
            previous);
    try {
      if (maxImageSize != null && image.sizeBytes() > maxImageSize) {
        Files.deleteIfExists(report);
        throw new ImageBuildException(SizeBudget.overBudgetMessage(image, maxImageSize));
      }
      SpecFingerprint.write(outputDirectory, spec);
      ImageReport.write(report, image);
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
              ? sha256(spec.from().tarFile().get())
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
                  LayerInputs.of(layer),
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

  private static String sha256(Path file) throws IOException {
    try (DigestInputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return "sha256:" + HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
