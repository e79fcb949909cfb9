package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.image.BaseImage;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.ImageBuildException;
import io.github.ecrdeploy.image.ImageIndex;
import io.github.ecrdeploy.image.ImageLayer;
import io.github.ecrdeploy.image.ImageManifest;
import io.github.ecrdeploy.image.ImagePlatform;
import io.github.ecrdeploy.image.SpecFingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;

/**
 * Pushes what build made: one image, or with {@code <platforms>} each platform's image and the
 * image index over them. The {@link PushPreflight} (login, repository, one lookup of the images and
 * tags, IMMUTABLE conflicts) runs before anything is uploaded; each image missing in the repository
 * goes up by digest through {@link JibUpload}, the index through {@link IndexUpload}; only then
 * does the {@link TagWriter} point the tags at the pushed digest.
 */
public final class EcrPush {
  /**
   * What build made and where it goes.
   *
   * @param built the image.json of the build
   * @param platforms the configured {@code <platforms>}; empty to push whatever {@code built} is
   * @param spec the container spec from the same configuration as build's (push pins its base to
   *     the digest build used)
   */
  public record Request(
      EcrConnection connection,
      String repository,
      boolean createRepository,
      RepositoryConfig repositoryConfig,
      List<String> tags,
      BuiltImage built,
      List<ImagePlatform> platforms,
      ContainerSpec spec,
      BaseImage.Credentials baseCredentials) {}

  private final EcrClient ecr;
  private final JibUpload upload;
  private final RegistryLogin logins;
  private final Log log;

  /**
   * @param logins the build's registry logins (one token per registry per build)
   */
  public EcrPush(EcrClient ecr, JibUpload upload, RegistryLogin logins, Log log) {
    this.ecr = ecr;
    this.upload = upload;
    this.logins = logins;
    this.log = log;
  }

  /** One image's part of the push. */
  private record Pushed(BuiltImage image, List<ImageLayer> uploaded) {}

  public PushResult push(Request request) throws EcrDeployException {
    BuiltImage built = request.built();
    checkBuiltFor(built, request.platforms());
    Optional<ImageIndex> index = built.isIndex() ? Optional.of(index(built)) : Optional.empty();
    List<String> digests = new ArrayList<>();
    digests.add(built.digest());
    built.platforms().forEach(p -> digests.add(p.digest()));
    PushPreflight preflight =
        PushPreflight.check(
            ecr,
            logins,
            request,
            digests,
            index.isPresent() ? "this build's image index" : "this build",
            log);
    String registryId = request.connection().registryId();
    String repository = request.repository();
    List<Pushed> pushed = new ArrayList<>();
    Image image;
    if (preflight.has(built.digest())) {
      log.info(
          index.isPresent()
              ? "The repository already has the image index "
                  + built.digest()
                  + " and its platform images: nothing to upload"
              : "The repository already has "
                  + built.digest()
                  + ": no layer or manifest upload needed");
      (index.isPresent() ? built.platforms() : List.of(built))
          .forEach(p -> pushed.add(new Pushed(p, List.of())));
      image = preflight.images().get(built.digest());
    } else if (index.isPresent()) {
      for (BuiltImage platformImage : built.platforms()) {
        pushed.add(uploadPlatform(request, preflight, platformImage));
      }
      image = IndexUpload.put(ecr, registryId, repository, index.get(), log);
    } else {
      pushed.add(upload(request, built, pinned(request.spec(), built.baseImageDigest())));
      image = keptOrFetched(built, registryId, repository);
    }
    for (String tag : preflight.toMove()) {
      TagWriter.tag(ecr, registryId, repository, image, tag, log);
    }
    return result(request, preflight, index.isPresent(), pushed);
  }

  /**
   * Fails when {@code <platforms>} is configured and image.json was built for other platforms (or
   * without them), so that push never publishes an index other than the one configured.
   */
  private static void checkBuiltFor(BuiltImage built, List<ImagePlatform> configured)
      throws EcrDeployException {
    if (configured.isEmpty()) {
      return;
    }
    List<String> wanted = configured.stream().map(ImagePlatform::text).toList();
    List<String> builtFor = built.platforms().stream().map(BuiltImage::platform).toList();
    if (!wanted.equals(builtFor)) {
      throw new EcrDeployException(
          "<platforms> (ecr.platforms) lists "
              + wanted
              + " but image.json was built "
              + (builtFor.isEmpty() ? "as a single image" : "for " + builtFor)
              + ": run build again with the same <platforms> before push");
    }
  }

  /** The index build wrote next to image.json, which must have image.json's digest. */
  private static ImageIndex index(BuiltImage built) throws EcrDeployException {
    Path file = built.outputDirectory().resolve(ImageIndex.FILE_NAME);
    ImageIndex index;
    try {
      index = ImageIndex.read(file);
    } catch (IOException e) {
      throw new EcrDeployException(
          "Cannot read "
              + file
              + " ("
              + e.getMessage()
              + "), the image index build wrote: run build again",
          e);
    }
    if (!index.digest().equals(built.digest())) {
      throw new EcrDeployException(
          ImageIndex.FILE_NAME
              + " has digest "
              + index.digest()
              + " but image.json lists "
              + built.digest()
              + ": the build output changed after build; run package (build) again before push");
    }
    return index;
  }

  /** Pushes one platform's image by digest, untagged, from the base pinned to build's digest. */
  private Pushed uploadPlatform(Request request, PushPreflight preflight, BuiltImage platformImage)
      throws EcrDeployException {
    ImagePlatform platform;
    try {
      platform = ImagePlatform.parse(platformImage.platform(), "image.json platforms[].platform");
    } catch (ImageBuildException e) {
      throw new EcrDeployException(e.getMessage() + ": run build again", e);
    }
    if (preflight.has(platformImage.digest())) {
      log.info("The repository already has the " + platform + " image " + platformImage.digest());
      return new Pushed(platformImage, List.of());
    }
    log.info("Pushing the " + platform + " image " + platformImage.digest());
    ContainerSpec spec = pinned(request.spec(), request.built().baseImageDigest());
    return upload(request, platformImage, spec.withFrom(spec.from().forPlatform(platform)));
  }

  /** Uploads the layers of {@code image} that the repository lacks, then its manifest. */
  private Pushed upload(Request request, BuiltImage image, ContainerSpec spec)
      throws EcrDeployException {
    EcrConnection connection = request.connection();
    List<ImageLayer> missing =
        LayerAvailabilityCheck.missing(ecr, connection.registryId(), request.repository(), image);
    try {
      upload.upload(
          spec,
          request.baseCredentials(),
          fresh -> {
            if (fresh) {
              logins.invalidate(connection);
            }
            return logins.credentials(ecr, connection, log);
          },
          request.repository(),
          image,
          missing);
    } catch (EcrDeployException e) {
      if (SpecFingerprint.differs(request.built().outputDirectory(), request.spec())) {
        throw new EcrDeployException(
            "push derives the image from its own configuration, and it is not the one build"
                + " used: are image parameters (<from>, <mainClass>, <jvmFlags>, <environment>,"
                + " ...) set only in the build goal's <execution>? Put them in the plugin's"
                + " <configuration> so that build and push share them. "
                + e.getMessage(),
            e);
      }
      throw e;
    }
    return new Pushed(image, missing);
  }

  private static ContainerSpec pinned(ContainerSpec spec, String baseDigest) {
    return spec.withFrom(spec.from().pinnedTo(baseDigest));
  }

  /** The pushed image as the tag writer needs it: from the manifest build kept, else from ECR. */
  private Image keptOrFetched(BuiltImage built, String registryId, String repository)
      throws EcrDeployException {
    Optional<ImageManifest> kept;
    try {
      kept = ImageManifest.read(built.outputDirectory(), built.digest());
    } catch (IOException e) {
      throw new EcrDeployException(
          "Cannot read the manifest in " + built.outputDirectory() + ": " + e.getMessage(), e);
    }
    Optional<Image> image = kept.map(m -> TagWriter.image(m.digest(), m.mediaType(), m.json()));
    if (image.isEmpty()) {
      image = TagState.image(ecr, registryId, repository, built.digest());
    }
    return image.orElseThrow(
        () ->
            new EcrDeployException(
                "The push of "
                    + built.digest()
                    + " finished but ECR does not list the image in "
                    + repository
                    + "; run deploy again"));
  }

  private static PushResult result(
      Request request, PushPreflight preflight, boolean isIndex, List<Pushed> pushed) {
    String host = preflight.login().host();
    String repository = request.repository();
    List<PushResult.Platform> platforms = new ArrayList<>();
    int uploaded = 0;
    int skipped = 0;
    long bytes = 0;
    for (Pushed one : pushed) {
      int layers = one.uploaded().size();
      int already = one.image().layers().size() - layers;
      long size = one.uploaded().stream().mapToLong(ImageLayer::sizeBytes).sum();
      uploaded += layers;
      skipped += already;
      bytes += size;
      if (isIndex) {
        platforms.add(
            new PushResult.Platform(
                one.image().platform(),
                one.image().digest(),
                host + "/" + repository + "@" + one.image().digest(),
                layers,
                already,
                size));
      }
    }
    String digest = request.built().digest();
    return new PushResult(
        host + "/" + repository + "@" + digest,
        digest,
        repository,
        host,
        request.tags(),
        preflight.toMove(),
        preflight.unchanged(),
        uploaded,
        skipped,
        bytes,
        preflight.repository().imageTagMutabilityAsString(),
        isIndex ? ImageIndex.MEDIA_TYPE : null,
        platforms,
        0);
  }
}
