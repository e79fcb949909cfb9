package io.github.ecrdeploy.ecr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Where tags point now in a repository, and the manifest of an image, through {@code
 * BatchGetImage}.
 */
public final class TagState {
  static final List<String> MANIFEST_TYPES =
      List.of(
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  private TagState() {}

  /**
   * What a repository holds for one push.
   *
   * @param images the images among the pushed digests that the repository has, by digest
   * @param tagDigests the digest each tag points at; tags that do not exist are absent
   */
  public record Snapshot(Map<String, Image> images, Map<String, String> tagDigests) {
    /** A repository that holds nothing (or does not exist yet). */
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());
  }

  /**
   * The images with {@code digests} and where {@code tags} point, with one {@code BatchGetImage}; a
   * repository that does not exist holds nothing.
   */
  public static Snapshot snapshot(
      EcrClient ecr, String registryId, String repository, List<String> digests, List<String> tags)
      throws EcrDeployException {
    List<ImageIdentifier> ids = new ArrayList<>();
    digests.forEach(digest -> ids.add(ImageIdentifier.builder().imageDigest(digest).build()));
    tags.forEach(tag -> ids.add(ImageIdentifier.builder().imageTag(tag).build()));
    BatchGetImageResponse response;
    try {
      response = batchGet(ecr, registryId, repository, ids);
    } catch (EcrDeployException e) {
      if (e.getCause() instanceof RepositoryNotFoundException) {
        return Snapshot.EMPTY;
      }
      throw e;
    }
    Map<String, Image> images = new HashMap<>();
    Map<String, String> tagDigests = new HashMap<>();
    for (Image found : response.images()) {
      String foundDigest = found.imageId().imageDigest();
      String tag = found.imageId().imageTag();
      if (tag != null && tags.contains(tag)) {
        tagDigests.put(tag, foundDigest);
      }
      if (digests.contains(foundDigest)) {
        images.putIfAbsent(foundDigest, found);
      }
    }
    return new Snapshot(images, tagDigests);
  }

  /** The digest each of {@code tags} points at; tags that do not exist are absent from the map. */
  public static Map<String, String> digestsOf(
      EcrClient ecr, String registryId, String repository, List<String> tags)
      throws EcrDeployException {
    Map<String, String> digests = new HashMap<>();
    if (tags.isEmpty()) {
      return digests;
    }
    BatchGetImageResponse response =
        batchGet(
            ecr,
            registryId,
            repository,
            tags.stream().map(t -> ImageIdentifier.builder().imageTag(t).build()).toList());
    for (Image image : response.images()) {
      digests.put(image.imageId().imageTag(), image.imageId().imageDigest());
    }
    return digests;
  }

  /** The image with {@code digest} (manifest bytes and media type), if the repository has it. */
  public static Optional<Image> image(
      EcrClient ecr, String registryId, String repository, String digest)
      throws EcrDeployException {
    return batchGet(
            ecr,
            registryId,
            repository,
            List.of(ImageIdentifier.builder().imageDigest(digest).build()))
        .images()
        .stream()
        .findFirst();
  }

  private static BatchGetImageResponse batchGet(
      EcrClient ecr, String registryId, String repository, List<ImageIdentifier> ids)
      throws EcrDeployException {
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
