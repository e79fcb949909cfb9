package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.lifecycle.ImageIndexes;
import io.github.ecrdeploy.lifecycle.ImageRecord;
import io.github.ecrdeploy.lifecycle.PlatformImage;
import io.github.ecrdeploy.lifecycle.PreviewedImage;
import io.github.ecrdeploy.lifecycle.StorageClass;
import io.github.ecrdeploy.lifecycle.StoredImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageStatus;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** The lifecycle-policy calls of ECR, in the lifecycle core's terms. */
public final class LifecycleApi {
  private final EcrClient ecr;
  private final String registryId;
  private final String repository;

  public LifecycleApi(EcrClient ecr, String registryId, String repository) {
    this.ecr = ecr;
    this.registryId = registryId;
    this.repository = repository;
  }

  /** The policy text ECR has for the repository, or empty when there is none. */
  public Optional<String> currentPolicy() throws EcrDeployException {
    return EcrCalls.call(
        "GetLifecyclePolicy",
        () -> {
          try {
            return Optional.of(
                ecr.getLifecyclePolicy(r -> r.registryId(registryId).repositoryName(repository))
                    .lifecyclePolicyText());
          } catch (LifecyclePolicyNotFoundException e) {
            return Optional.empty();
          }
        });
  }

  public void putPolicy(String text) throws EcrDeployException {
    EcrCalls.call(
        "PutLifecyclePolicy",
        () ->
            ecr.putLifecyclePolicy(
                r ->
                    r.registryId(registryId).repositoryName(repository).lifecyclePolicyText(text)));
  }

  /**
   * The repository's images as lifecycle rules see them, and what each stores.
   *
   * @param images every image (all pages, active and archived)
   * @param storage what each image stores, by digest
   * @param indexes the platform images of each active image index
   */
  public record Listing(
      List<ImageRecord> images, Map<String, StoredImage> storage, ImageIndexes indexes) {}

  /** Every image of the repository (all pages, active and archived). */
  public List<ImageRecord> images() throws EcrDeployException {
    return listing().images();
  }

  /**
   * Every image of the repository with its {@code imageSizeInBytes} ({@code DescribeImages}), and
   * the platform images of its indexes. {@code DescribeImages} names each image's {@code
   * imageManifestMediaType} but not what an index references, so the manifests of the active
   * indexes, and only those, are read with {@code BatchGetImage} (an image pull, which refreshes
   * their {@code lastRecordedPullTime}). An archived index cannot be read: its platform images
   * count as images of their own.
   */
  public Listing listing() throws EcrDeployException {
    List<ImageRecord> images = new ArrayList<>();
    Map<String, StoredImage> storage = new LinkedHashMap<>();
    List<String> activeIndexes = new ArrayList<>();
    EcrCalls.call(
        "DescribeImages",
        () -> {
          ecr.describeImagesPaginator(
                  r ->
                      r.registryId(registryId)
                          .repositoryName(repository)
                          .filter(
                              f -> f.tagStatus(TagStatus.ANY).imageStatus(ImageStatusFilter.ANY)))
              .imageDetails()
              .forEach(
                  detail -> {
                    images.add(record(detail));
                    storage.put(detail.imageDigest(), stored(detail));
                    if (ImageIndexes.isIndex(detail.imageManifestMediaType())
                        && detail.imageStatus() != ImageStatus.ARCHIVED
                        && detail.imageStatus() != ImageStatus.ACTIVATING) {
                      activeIndexes.add(detail.imageDigest());
                    }
                  });
          return images;
        });
    return new Listing(images, storage, indexes(activeIndexes));
  }

  private ImageIndexes indexes(List<String> digests) throws EcrDeployException {
    Map<String, List<PlatformImage>> platformImages = new LinkedHashMap<>();
    for (Image index : TagState.images(ecr, registryId, repository, digests)) {
      try {
        platformImages.put(
            index.imageId().imageDigest(), ImageIndexes.platformImagesOf(index.imageManifest()));
      } catch (IllegalArgumentException e) {
        throw new EcrDeployException(
            "ECR returned the index " + index.imageId().imageDigest() + ": " + e.getMessage(), e);
      }
    }
    return new ImageIndexes(platformImages);
  }

  /**
   * ECR's own preview of {@code text}: {@code StartLifecyclePolicyPreview}, then {@code
   * GetLifecyclePolicyPreview} until it completes or {@code timeout} passes.
   */
  public List<PreviewedImage> preview(String text, Duration timeout, Duration poll)
      throws EcrDeployException {
    EcrCalls.call(
        "StartLifecyclePolicyPreview",
        () ->
            ecr.startLifecyclePolicyPreview(
                r ->
                    r.registryId(registryId).repositoryName(repository).lifecyclePolicyText(text)));
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<PreviewedImage> results = new ArrayList<>();
      String token = null;
      LifecyclePolicyPreviewStatus status;
      do {
        String next = token;
        GetLifecyclePolicyPreviewResponse page =
            EcrCalls.call(
                "GetLifecyclePolicyPreview",
                () ->
                    ecr.getLifecyclePolicyPreview(
                        r -> r.registryId(registryId).repositoryName(repository).nextToken(next)));
        status = page.status();
        for (LifecyclePolicyPreviewResult result : page.previewResults()) {
          results.add(
              new PreviewedImage(
                  result.imageDigest(),
                  result.imageTags(),
                  result.action() == null ? null : result.action().typeAsString(),
                  result.appliedRulePriority()));
        }
        token = page.nextToken();
      } while (status == LifecyclePolicyPreviewStatus.COMPLETE
          && token != null
          && !token.isEmpty());
      if (status == LifecyclePolicyPreviewStatus.COMPLETE) {
        return results;
      }
      if (status != LifecyclePolicyPreviewStatus.IN_PROGRESS) {
        throw new EcrDeployException("ECR's lifecycle policy preview ended with status " + status);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new EcrDeployException(
            "ECR's lifecycle policy preview did not complete within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EcrDeployException(
            "Interrupted while waiting for the lifecycle policy preview", e);
      }
    }
  }

  private static StoredImage stored(ImageDetail detail) {
    boolean index = ImageIndexes.isIndex(detail.imageManifestMediaType());
    long size = detail.imageSizeInBytes() == null ? 0 : detail.imageSizeInBytes();
    return StoredImage.ofSize(detail.imageDigest(), size, index);
  }

  private static ImageRecord record(ImageDetail detail) {
    boolean archived =
        detail.imageStatus() == ImageStatus.ARCHIVED
            || detail.imageStatus() == ImageStatus.ACTIVATING;
    return new ImageRecord(
        detail.imageDigest(),
        detail.imageTags(),
        detail.imagePushedAt(),
        detail.lastRecordedPullTime(),
        archived ? StorageClass.ARCHIVE : StorageClass.STANDARD,
        detail.lastArchivedAt(),
        detail.lastActivatedAt());
  }
}
