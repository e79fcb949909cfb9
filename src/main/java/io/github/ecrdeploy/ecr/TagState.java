package io.github.ecrdeploy.ecr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** Where tags point now in a repository, and the manifest of an image, through {@code BatchGetImage}. */
public final class TagState {
  static final List<String> MANIFEST_TYPES =
      List.of(
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  private TagState() {}

  /** The digest each of {@code tags} points at; tags that do not exist are absent from the map. */
  public static Map<String, String> digestsOf(EcrClient ecr, String registryId, String repository, List<String> tags)
      throws EcrDeployException {
    Map<String, String> digests = new HashMap<>();
    if (tags.isEmpty()) {
      return digests;
    }
    BatchGetImageResponse response =
        batchGet(ecr, registryId, repository, tags.stream().map(t -> ImageIdentifier.builder().imageTag(t).build()).toList());
    for (Image image : response.images()) {
      digests.put(image.imageId().imageTag(), image.imageId().imageDigest());
    }
    return digests;
  }

  /** The image with {@code digest} (manifest bytes and media type), if the repository has it. */
  public static Optional<Image> image(EcrClient ecr, String registryId, String repository, String digest)
      throws EcrDeployException {
    return batchGet(ecr, registryId, repository, List.of(ImageIdentifier.builder().imageDigest(digest).build()))
        .images()
        .stream()
        .findFirst();
  }

  private static BatchGetImageResponse batchGet(
      EcrClient ecr, String registryId, String repository, List<ImageIdentifier> ids) throws EcrDeployException {
    return EcrCalls.call(
        "BatchGetImage",
        () ->
            ecr.batchGetImage(
                r ->
                    r.registryId(registryId)
                        .repositoryName(repository)
                        .imageIds(ids)
                        .acceptedMediaTypes(MANIFEST_TYPES)));
  }
}
