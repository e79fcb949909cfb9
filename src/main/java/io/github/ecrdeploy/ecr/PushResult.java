package io.github.ecrdeploy.ecr;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code push} did, written to {@code target/ecr-deploy/push.json}.
 *
 * @param imageUri {@code host/repo@digest}
 * @param digest the pushed manifest digest (equal to image.json's)
 * @param repository the ECR repository
 * @param registry the registry host
 * @param tags every configured tag (all point at {@code digest} afterwards)
 * @param tagsMoved tags that were created or moved by this push
 * @param tagsUnchanged tags that already pointed at {@code digest}
 * @param layersUploaded layers the repository did not have
 * @param layersSkipped layers already in the repository
 * @param bytesUploaded compressed bytes of the uploaded layers
 * @param tagMutability the repository's tag mutability (MUTABLE, IMMUTABLE), so that {@code health}
 *     can refuse {@code <promoteTags>} in an IMMUTABLE repository before any network call
 * @param mediaType {@code application/vnd.oci.image.index.v1+json} when {@code digest} is an image
 *     index (with {@code <platforms>}); absent for a single image
 * @param platforms each platform's image of the index, in the configured order; absent for a single
 *     image
 * @param throttlingRetries ECR API calls of this push that ECR throttled and the SDK retried with
 *     backoff (see {@link ThrottlingRetries})
 */
public record PushResult(
    String imageUri,
    String digest,
    String repository,
    String registry,
    List<String> tags,
    List<String> tagsMoved,
    List<String> tagsUnchanged,
    int layersUploaded,
    int layersSkipped,
    long bytesUploaded,
    String tagMutability,
    @JsonInclude(JsonInclude.Include.NON_NULL) String mediaType,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Platform> platforms,
    int throttlingRetries) {

  public PushResult {
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  /** This result with {@code count} throttled calls that were retried. */
  public PushResult withThrottlingRetries(int count) {
    return new PushResult(
        imageUri,
        digest,
        repository,
        registry,
        tags,
        tagsMoved,
        tagsUnchanged,
        layersUploaded,
        layersSkipped,
        bytesUploaded,
        tagMutability,
        mediaType,
        platforms,
        count);
  }

  /**
   * One platform's image of a pushed index.
   *
   * @param platform {@code os/architecture[/variant]}
   * @param digest the platform image's manifest digest
   * @param imageUri {@code host/repo@digest}
   */
  public record Platform(
      String platform,
      String digest,
      String imageUri,
      int layersUploaded,
      int layersSkipped,
      long bytesUploaded) {}
}
