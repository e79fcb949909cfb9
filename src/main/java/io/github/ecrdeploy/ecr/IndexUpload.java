package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.ImageBuildException;
import io.github.ecrdeploy.image.ImageIndex;
import io.github.ecrdeploy.image.ImageManifest;
import io.github.ecrdeploy.image.ImagePlatform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;

/**
 * The push of a multi-platform build: refuse tag conflicts in IMMUTABLE repositories before
 * uploading anything, push each platform's image by digest (as {@link EcrPush} does for one image),
 * then put the OCI image index that build wrote, unchanged, with {@code PutImage} by digest, check
 * ECR's digest equals build's, and only then point the tags at the index. A repository that already
 * has the index needs no upload; tags already on it are left alone.
 */
public final class IndexUpload {
  /** The pusher for one platform's image (each platform has its own application layer cache). */
  @FunctionalInterface
  public interface PlatformPushers {
    JibUpload forPlatform(ImagePlatform platform);
  }

  private final EcrClient ecr;
  private final PlatformPushers pushers;
  private final RegistryLogin logins;
  private final Log log;

  /**
   * @param logins the build's registry logins (one token per registry per build)
   */
  public IndexUpload(EcrClient ecr, PlatformPushers pushers, RegistryLogin logins, Log log) {
    this.ecr = ecr;
    this.pushers = pushers;
    this.logins = logins;
    this.log = log;
  }

  /**
   * @param request {@code built} is the index image.json describes, {@code spec} the container spec
   *     without a platform
   * @param index the index bytes build wrote
   */
  public PushResult push(EcrPush.Request request, ImageIndex index) throws EcrDeployException {
    BuiltImage built = request.built();
    String digest = built.digest();
    if (!index.digest().equals(digest)) {
      throw new EcrDeployException(
          ImageIndex.FILE_NAME
              + " has digest "
              + index.digest()
              + " but image.json lists "
              + digest
              + ": the build output changed after build; run package (build) again before push");
    }
    EcrConnection connection = request.connection();
    String registryId = connection.registryId();
    String repository = request.repository();
    PushPreflight plan =
        PushPreflight.prepare(ecr, logins, request, digest, "this build's image index", log);
    RegistryCredentials login = plan.login();
    List<String> toMove = plan.toMove();

    List<PushResult.Platform> platforms = new ArrayList<>();
    Optional<Image> image = plan.image();
    if (image.isEmpty()) {
      for (BuiltImage platformImage : built.platforms()) {
        platforms.add(pushPlatform(request, platformImage));
      }
      putIndex(registryId, repository, index);
      image =
          Optional.of(
              TagWriter.image(
                  digest,
                  ImageIndex.MEDIA_TYPE,
                  new String(index.bytes(), StandardCharsets.UTF_8)));
    } else {
      log.info(
          "The repository already has the image index "
              + digest
              + " and its platform images: nothing to upload");
      for (BuiltImage platformImage : built.platforms()) {
        platforms.add(
            new PushResult.Platform(
                platformImage.platform(),
                platformImage.digest(),
                login.host() + "/" + repository + "@" + platformImage.digest(),
                0,
                platformImage.layers().size(),
                0));
      }
    }
    for (String tag : toMove) {
      TagWriter.tag(ecr, registryId, repository, image.get(), tag, log);
    }
    return new PushResult(
        login.host() + "/" + repository + "@" + digest,
        digest,
        repository,
        login.host(),
        request.tags(),
        toMove,
        plan.unchanged(),
        platforms.stream().mapToInt(PushResult.Platform::layersUploaded).sum(),
        platforms.stream().mapToInt(PushResult.Platform::layersSkipped).sum(),
        platforms.stream().mapToLong(PushResult.Platform::bytesUploaded).sum(),
        plan.repository().imageTagMutabilityAsString(),
        ImageIndex.MEDIA_TYPE,
        platforms);
  }

  /**
   * Pushes one platform's image by digest, untagged, from the base pinned to the digest build used.
   */
  private PushResult.Platform pushPlatform(EcrPush.Request request, BuiltImage platformImage)
      throws EcrDeployException {
    ImagePlatform platform;
    try {
      platform = ImagePlatform.parse(platformImage.platform(), "image.json platforms[].platform");
    } catch (ImageBuildException e) {
      throw new EcrDeployException(e.getMessage() + ": run build again", e);
    }
    log.info("Pushing the " + platform + " image " + platformImage.digest());
    ContainerSpec spec = request.spec();
    ContainerSpec platformSpec =
        spec.withFrom(
            spec.from().pinnedTo(request.built().baseImageDigest()).forPlatform(platform));
    EcrPush.Request single =
        new EcrPush.Request(
            request.connection(),
            request.repository(),
            request.createRepository(),
            request.repositorySettings(),
            List.of(),
            platformImage,
            platformSpec,
            request.baseCredentials(),
            platformManifest(platformImage));
    PushResult pushed = new EcrPush(ecr, pushers.forPlatform(platform), logins, log).push(single);
    return new PushResult.Platform(
        platform.text(),
        pushed.digest(),
        pushed.imageUri(),
        pushed.layersUploaded(),
        pushed.layersSkipped(),
        pushed.bytesUploaded());
  }

  private void putIndex(String registryId, String repository, ImageIndex index)
      throws EcrDeployException {
    String digest = index.digest();
    try {
      PutImageResponse response =
          ecr.putImage(
              r ->
                  r.registryId(registryId)
                      .repositoryName(repository)
                      .imageManifest(new String(index.bytes(), StandardCharsets.UTF_8))
                      .imageManifestMediaType(ImageIndex.MEDIA_TYPE)
                      .imageDigest(digest));
      String put = response.image().imageId().imageDigest();
      if (!digest.equals(put)) {
        throw new EcrDeployException(
            "ECR stored the image index as "
                + put
                + ", not as "
                + digest
                + " as build computed; no tag was moved");
      }
      log.info("Put the image index " + repository + "@" + digest);
    } catch (ImageAlreadyExistsException e) {
      log.info("The repository already has the image index " + digest);
    } catch (ImageDigestDoesNotMatchException e) {
      throw new EcrDeployException(
          "ECR computed another digest for the image index than build's "
              + digest
              + "; no tag was moved",
          e);
    } catch (ReferencedImagesNotFoundException e) {
      throw new EcrDeployException(
          "ECR refused the image index "
              + digest
              + " because a platform image is missing ("
              + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
              + "); no tag was moved: run deploy again",
          e);
    } catch (AwsServiceException e) {
      throw EcrCalls.serviceFailure("PutImage", e);
    } catch (SdkClientException e) {
      throw EcrCalls.clientFailure("PutImage", e);
    }
  }

  /** The manifest bytes build kept next to the platform's archive, if they match its digest. */
  private static Optional<ImageManifest> platformManifest(BuiltImage platformImage)
      throws EcrDeployException {
    try {
      return ImageManifest.read(
          Path.of(platformImage.imageTar()).getParent(), platformImage.digest());
    } catch (IOException e) {
      throw new EcrDeployException(
          "Cannot read the manifest of " + platformImage.imageTar() + ": " + e.getMessage(), e);
    }
  }
}
