package io.github.ecrdeploy.ecr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * Where tags point now in a repository, and the manifest of an image: {@code BatchGetImage} where
 * the manifest bytes are needed, {@code DescribeImages} where digests suffice.
 */
public final class TagState {
  static final List<String> MANIFEST_TYPES =
      List.of(
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  /** The most image ids ECR takes in one {@code BatchGetImage}. */
  static final int MAX_IMAGE_IDS = 100;

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

  /**
   * The digest each of {@code tags} points at; tags that do not exist are absent from the map. Read
   * with {@code DescribeImages} (tagged images, all pages), which unlike {@code BatchGetImage} is
   * not an image pull and leaves {@code lastRecordedPullTime}, which {@code sinceImagePulled} rules
   * act on, untouched.
   */
  public static Map<String, String> digestsOf(
      EcrClient ecr, String registryId, String repository, List<String> tags)
      throws EcrDeployException {
    Map<String, String> digests = new HashMap<>();
    if (tags.isEmpty()) {
      return digests;
    }
    EcrCalls.call(
        "DescribeImages",
        () -> {
          ecr.describeImagesPaginator(
                  r ->
                      r.registryId(registryId)
                          .repositoryName(repository)
                          .filter(f -> f.tagStatus(TagStatus.TAGGED)))
              .imageDetails()
              .forEach(
                  detail ->
                      detail.imageTags().stream()
                          .filter(tags::contains)
                          .forEach(tag -> digests.put(tag, detail.imageDigest())));
          return null;
        });
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

  /**
   * The images with {@code digests} the repository has (manifest bytes and media type), read with
   * {@code BatchGetImage}: an image pull, so only for images whose manifest is needed.
   */
  public static List<Image> images(
      EcrClient ecr, String registryId, String repository, List<String> digests)
      throws EcrDeployException {
    if (digests.isEmpty()) {
      return List.of();
    }
    return batchGet(
            ecr,
            registryId,
            repository,
            digests.stream()
                .map(digest -> ImageIdentifier.builder().imageDigest(digest).build())
                .toList())
        .images();
  }

  /**
   * {@code BatchGetImage} in calls of at most {@value #MAX_IMAGE_IDS} image ids each, ECR's limit
   * (API reference, BatchGetImage imageIds: "Array Members: Minimum number of 1 item. Maximum
   * number of 100 items."), answered as one response.
   */
  private static BatchGetImageResponse batchGet(
      EcrClient ecr, String registryId, String repository, List<ImageIdentifier> ids)
      throws EcrDeployException {
    List<Image> images = new ArrayList<>();
    List<ImageFailure> failures = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += MAX_IMAGE_IDS) {
      List<ImageIdentifier> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IMAGE_IDS));
      BatchGetImageResponse response =
          EcrCalls.call(
              "BatchGetImage",
              () ->
                  ecr.batchGetImage(
                      r ->
                          r.registryId(registryId)
                              .repositoryName(repository)
                              .imageIds(chunk)
                              .acceptedMediaTypes(MANIFEST_TYPES)));
      images.addAll(response.images());
      failures.addAll(response.failures());
    }
    return BatchGetImageResponse.builder().images(images).failures(failures).build();
  }
}
