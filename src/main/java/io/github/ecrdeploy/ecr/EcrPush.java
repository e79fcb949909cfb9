package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.image.BaseImage;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.ImageLayer;
import io.github.ecrdeploy.image.ImageManifest;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;

/**
 * The push: log in, make sure the repository exists and look up the image and the tags (these three
 * at the same time), refuse tag conflicts in IMMUTABLE repositories before uploading anything, push
 * the image by digest (skipped when the repository already has it), then point the tags at it.
 */
public final class EcrPush {
  /**
   * What to push where.
   *
   * @param built the image.json of the build
   * @param spec the same container spec the build used
   * @param manifest the manifest bytes build kept, if they match {@code built}'s digest
   */
  public record Request(
      EcrConnection connection,
      String repository,
      boolean createRepository,
      RepositoryConfig repositorySettings,
      List<String> tags,
      BuiltImage built,
      ContainerSpec spec,
      BaseImage.Credentials baseCredentials,
      Optional<ImageManifest> manifest) {}

  private final EcrClient ecr;
  private final JibUpload pusher;
  private final RegistryLogin logins;
  private final Log log;

  /**
   * @param logins the build's registry logins (one token per registry per build)
   */
  public EcrPush(EcrClient ecr, JibUpload pusher, RegistryLogin logins, Log log) {
    this.ecr = ecr;
    this.pusher = pusher;
    this.logins = logins;
    this.log = log;
  }

  public PushResult push(Request request) throws EcrDeployException {
    EcrConnection connection = request.connection();
    String registryId = connection.registryId();
    String repository = request.repository();
    String digest = request.built().digest();
    PushPreflight plan = PushPreflight.prepare(ecr, logins, request, digest, "this build", log);
    RegistryCredentials login = plan.login();
    List<String> toMove = plan.toMove();
    Optional<Image> image = plan.image();
    List<ImageLayer> uploaded = List.of();
    if (image.isEmpty()) {
      uploaded = LayerAvailabilityCheck.missing(ecr, registryId, repository, request.built());
      pusher.push(
          request.spec(),
          request.baseCredentials(),
          fresh -> {
            if (fresh) {
              logins.invalidate(connection);
            }
            return logins.credentials(ecr, connection, log);
          },
          repository,
          digest,
          uploaded);
      image = request.manifest().map(m -> TagWriter.image(m.digest(), m.mediaType(), m.json()));
      if (image.isEmpty()) {
        image = TagState.image(ecr, registryId, repository, digest);
      }
      if (image.isEmpty()) {
        throw new EcrDeployException(
            "The push of "
                + digest
                + " finished but ECR does not list the image in "
                + repository
                + "; run deploy again");
      }
    } else {
      log.info("The repository already has " + digest + ": no layer or manifest upload needed");
    }
    for (String tag : toMove) {
      TagWriter.tag(ecr, registryId, repository, image.get(), tag, log);
    }
    long bytes = uploaded.stream().mapToLong(ImageLayer::sizeBytes).sum();
    int total = request.built().layers().size();
    return new PushResult(
        login.host() + "/" + repository + "@" + digest,
        digest,
        repository,
        login.host(),
        request.tags(),
        toMove,
        plan.unchanged(),
        uploaded.size(),
        total - uploaded.size(),
        bytes,
        plan.repository().imageTagMutabilityAsString());
  }
}
