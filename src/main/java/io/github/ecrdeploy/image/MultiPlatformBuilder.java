package io.github.ecrdeploy.image;

import io.github.ecrdeploy.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one image per {@code <platforms>} entry from a multi-platform base and an OCI image index
 * over them. Jib writes one platform per archive, so each platform is a separate Jib build (with
 * {@link ImageBuilder}) into {@code platforms/OS-ARCH[-VARIANT]/}; every build after the first is
 * pinned to the base digest the first one resolved, so all platforms come from the same base index
 * even if its tag moves meanwhile. Writes the index bytes ({@value ImageIndex#FILE_NAME}), {@code
 * image.json} (index digest and each platform's image) and, when archives are written, {@code
 * image.tar} (a copy of the image for the build machine's platform, else the first one, so {@code
 * smoke} can run it).
 */
public final class MultiPlatformBuilder {
  static final String PLATFORMS_DIRECTORY = "platforms";

  private final Path outputDirectory;
  private final Path baseLayersCache;
  private final boolean allowInsecureRegistries;
  private final boolean offline;
  private final boolean writeTar;
  private final Log log;
  private boolean alwaysCacheBaseImage;

  /**
   * @param offline build from the base layer cache only (Maven's {@code --offline})
   * @param writeTar whether to write each platform's {@code image.tar} and the copy for smoke
   */
  public MultiPlatformBuilder(
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

  /** See {@link ImageBuilder#alwaysCacheBaseImage}. */
  public MultiPlatformBuilder alwaysCacheBaseImage(boolean always) {
    this.alwaysCacheBaseImage = always;
    return this;
  }

  /** Where the image of {@code platform} (archive, report, application layer cache) goes. */
  public static Path platformDirectory(Path outputDirectory, ImagePlatform platform) {
    return outputDirectory.resolve(PLATFORMS_DIRECTORY).resolve(platform.fileName());
  }

  /**
   * Builds the images and the index; {@code maxImageSize} (bytes, or null) applies to each
   * platform's image. Over budget, image.json is removed so that no later goal pushes the images.
   *
   * @param platforms validated by {@link PlatformList}, not empty
   */
  public BuiltImage build(
      ContainerSpec spec,
      BaseImage.Credentials credentials,
      String imageName,
      Long maxImageSize,
      List<ImagePlatform> platforms)
      throws ImageBuildException {
    if (spec.from().tarFile().isPresent()) {
      throw new ImageBuildException(
          "<platforms> needs <from> to be a registry image with an image index (or manifest list)"
              + " for those platforms; the archive "
              + spec.from().text()
              + " holds one platform. Remove <platforms> or use a multi-platform registry base"
              + " image");
    }
    Path report = outputDirectory.resolve(ImageReport.FILE_NAME);
    String baseDigest = spec.from().registryReference().flatMap(r -> r.getDigest()).orElse(null);
    List<BuiltImage> images = new ArrayList<>();
    List<ImageIndex.Entry> entries = new ArrayList<>();
    for (ImagePlatform platform : platforms) {
      log.info("Building the " + platform + " image");
      BaseImage from = spec.from().pinnedTo(baseDigest).forPlatform(platform);
      Path directory = platformDirectory(outputDirectory, platform);
      BuiltImage image;
      try {
        image =
            new ImageBuilder(
                    directory, baseLayersCache, allowInsecureRegistries, offline, writeTar, log)
                .alwaysCacheBaseImage(alwaysCacheBaseImage)
                .build(spec.withFrom(from), credentials, imageName, null);
      } catch (ImageBuildException e) {
        throw new ImageBuildException("<platforms> " + platform + ": " + e.getMessage(), e);
      }
      if (baseDigest == null) {
        baseDigest = image.baseImageDigest();
      }
      image = image.forPlatform(platform, baseDigest);
      if (maxImageSize != null && image.sizeBytes() > maxImageSize) {
        deleteReport(report);
        throw new ImageBuildException(
            SizeBudget.overBudgetMessage("The " + platform + " image", image, maxImageSize)
                + " The budget applies to each platform's image.");
      }
      images.add(image);
      entries.add(new ImageIndex.Entry(platform, image.digest(), manifestSize(image)));
    }
    ImageIndex index = ImageIndex.of(entries);
    int chosen = defaultPlatform(platforms);
    Path tar = outputDirectory.resolve(ImageBuilder.IMAGE_TAR);
    BuiltImage indexImage =
        new BuiltImage(
            index.digest(),
            null,
            images.stream().mapToLong(BuiltImage::sizeBytes).max().orElse(0),
            spec.from().text(),
            baseDigest,
            spec.creationTime().toString(),
            writeTar ? tar.toString() : null,
            outputDirectory.toAbsolutePath().toString(),
            List.of(),
            null,
            ImageIndex.MEDIA_TYPE,
            platforms.get(chosen).text(),
            images);
    try {
      if (writeTar) {
        linkOrCopy(Path.of(images.get(chosen).imageTar()), tar);
      } else {
        Files.deleteIfExists(tar);
      }
      index.write(outputDirectory.resolve(ImageIndex.FILE_NAME));
      SpecFingerprint.write(outputDirectory, spec);
      ImageReport.write(report, indexImage);
    } catch (IOException e) {
      throw new ImageBuildException(
          "Cannot write the image index to " + outputDirectory + ": " + e.getMessage(), e);
    }
    return indexImage;
  }

  /** The build machine's platform if listed (so smoke can run image.tar), else the first. */
  private static int defaultPlatform(List<ImagePlatform> platforms) {
    ImagePlatform here = ImagePlatform.ofThisMachine();
    for (int i = 0; i < platforms.size(); i++) {
      if (platforms.get(i).sameOsAndArchitecture(here)) {
        return i;
      }
    }
    return 0;
  }

  private static long manifestSize(BuiltImage image) throws ImageBuildException {
    Path manifest = image.outputDirectory().resolve(ImageManifest.FILE_NAME);
    try {
      return Files.size(manifest);
    } catch (IOException e) {
      throw new ImageBuildException("Cannot read " + manifest + ": " + e.getMessage(), e);
    }
  }

  private static void linkOrCopy(Path source, Path target) throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    try {
      Files.createLink(partial, source);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteReport(Path report) throws ImageBuildException {
    try {
      Files.deleteIfExists(report);
    } catch (IOException e) {
      throw new ImageBuildException("Cannot remove " + report + ": " + e.getMessage(), e);
    }
  }
}
