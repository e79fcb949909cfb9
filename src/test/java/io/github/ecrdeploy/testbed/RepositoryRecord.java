package io.github.ecrdeploy.testbed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An emulated ECR repository: its settings, its image index, its lifecycle policy and last preview.
 */
final class RepositoryRecord {

  final String name;
  final String region;
  final Instant createdAt;
  final String tagMutability;

  /** Wildcard filters of the {@code *_WITH_EXCLUSION} mutabilities. */
  final List<String> mutabilityExclusions;

  final boolean scanOnPush;
  final String encryptionType;
  final String kmsKey;

  /** Resource tags as given ({@code Key} to {@code Value}). */
  final Map<String, String> resourceTags;

  /** Images by digest. */
  final Map<String, EmulatedImage> images = new LinkedHashMap<>();

  /**
   * Tags removed through BatchDeleteImage while the image keeps other tags: the registry cannot
   * drop a single tag, so it still lists them (tag to the digest it pointed at); the index hides
   * them until the tag moves.
   */
  final Map<String, String> tagsUntaggedInIndexOnly = new LinkedHashMap<>();

  /**
   * Wall-clock time each tag started pointing at its current image (to tell a re-push from the
   * first push).
   */
  final Map<String, Instant> tagAssignedAt = new HashMap<>();

  String lifecyclePolicyText;

  /** The repository policy (who else may use it), or null for none. */
  RepositoryPolicy policy;

  Instant lastEvaluatedAt;
  PreviewRecord preview;

  RepositoryRecord(
      String name,
      String region,
      Instant createdAt,
      String tagMutability,
      List<String> mutabilityExclusions,
      boolean scanOnPush,
      String encryptionType,
      String kmsKey,
      Map<String, String> resourceTags) {
    this.name = name;
    this.region = region;
    this.createdAt = createdAt;
    this.tagMutability = tagMutability;
    this.mutabilityExclusions = List.copyOf(mutabilityExclusions);
    this.scanOnPush = scanOnPush;
    this.encryptionType = encryptionType;
    this.kmsKey = kmsKey;
    this.resourceTags = new LinkedHashMap<>(resourceTags);
  }

  /**
   * A lifecycle policy preview: the policy it evaluated, its results, and how many more polls stay
   * IN_PROGRESS.
   */
  static final class PreviewRecord {
    final String policyText;
    final List<LifecyclePreview.Result> results;
    int pollsUntilComplete;

    PreviewRecord(
        String policyText, List<LifecyclePreview.Result> results, int pollsUntilComplete) {
      this.policyText = policyText;
      this.results = results;
      this.pollsUntilComplete = pollsUntilComplete;
    }

    boolean inProgress() {
      return pollsUntilComplete > 0;
    }
  }

  /** Puts a tag on an image (the caller removed it from the image it was on before). */
  void assignTag(EmulatedImage image, String tag) {
    image.tags.add(tag);
    tagAssignedAt.put(tag, Instant.now());
    tagsUntaggedInIndexOnly.remove(tag);
  }

  Optional<EmulatedImage> imageByTag(String tag) {
    return images.values().stream().filter(image -> image.tags.contains(tag)).findFirst();
  }

  /**
   * Whether the repository refuses to move this tag, after the exclusion filters of the mutability
   * setting.
   */
  boolean isImmutable(String tag) {
    boolean excluded =
        mutabilityExclusions.stream().anyMatch(filter -> Wildcard.matches(filter, tag));
    return switch (tagMutability) {
      case "IMMUTABLE" -> true;
      case "IMMUTABLE_WITH_EXCLUSION" -> !excluded;
      case "MUTABLE_WITH_EXCLUSION" -> excluded;
      default -> false;
    };
  }

  /**
   * The image size ECR reports: layer bytes, or for an index the largest of its children in this
   * repository.
   */
  long sizeInBytes(EmulatedImage image) {
    if (!image.isIndex()) {
      return image.layerBytes;
    }
    return image.childDigests.stream()
        .map(images::get)
        .filter(child -> child != null)
        .mapToLong(child -> child.layerBytes)
        .max()
        .orElse(0);
  }

  /** Indexes in this repository that reference the image. */
  List<EmulatedImage> referencingIndexes(String digest) {
    List<EmulatedImage> parents = new ArrayList<>();
    for (EmulatedImage image : images.values()) {
      if (image.childDigests.contains(digest)) {
        parents.add(image);
      }
    }
    return parents;
  }
}
