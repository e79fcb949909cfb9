package io.github.ecrdeploy.testbed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the emulator's image index of each repository in step with what the real registry holds,
 * the way ECR would see it: a digest first seen becomes an image pushed at that time (or at the
 * time the registry's notification reported the push); a tag that moves leaves the previous image
 * untagged; an image whose manifest disappeared from the registry leaves the index. Callers hold
 * the emulator's lock.
 */
final class RegistryImages {

  private final RegistryHttpApi registry;
  private final Clock clock;
  private final List<String> violations;

  /**
   * Manifest pushes reported by registry notifications, not yet merged into the index: repository,
   * digest, time.
   */
  private final Map<String, Map<String, Instant>> notifiedPushes = new HashMap<>();

  RegistryImages(RegistryHttpApi registry, Clock clock, List<String> violations) {
    this.registry = registry;
    this.clock = clock;
    this.violations = violations;
  }

  RegistryHttpApi registry() {
    return registry;
  }

  /** Reads the repository's tags from the registry and merges them into the index. */
  void refresh(RepositoryRecord repository) {
    Map<String, String> live = new LinkedHashMap<>();
    for (String tag : registry.tags(repository.name)) {
      registry.digestOf(repository.name, tag).ifPresent(digest -> live.put(tag, digest));
    }
    repository
        .tagsUntaggedInIndexOnly
        .entrySet()
        .removeIf(hidden -> !hidden.getValue().equals(live.get(hidden.getKey())));
    for (Map.Entry<String, String> entry : live.entrySet()) {
      String tag = entry.getKey();
      String digest = entry.getValue();
      if (digest.equals(repository.tagsUntaggedInIndexOnly.get(tag))) {
        continue;
      }
      EmulatedImage current = repository.imageByTag(tag).orElse(null);
      if (current != null && current.digest.equals(digest)) {
        continue;
      }
      if (current != null && repository.isImmutable(tag)) {
        violations.add(
            "tag '"
                + tag
                + "' of immutable repository '"
                + repository.name
                + "' was overwritten "
                + "directly in the registry (ECR answers TAG_INVALID); the emulator restored it to "
                + current.digest);
        registry.putManifest(repository.name, tag, current.manifest, current.manifestMediaType);
        entry.setValue(current.digest);
        continue;
      }
      if (current != null) {
        current.tags.remove(tag);
      }
      EmulatedImage image = repository.images.get(digest);
      if (image == null) {
        image = discover(repository, digest);
      }
      if (image != null) {
        repository.assignTag(image, tag);
      }
    }
    for (EmulatedImage image : repository.images.values()) {
      image.tags.removeIf(tag -> !image.digest.equals(live.get(tag)));
    }
    mergeNotifiedPushes(repository);
    List<EmulatedImage> untagged =
        repository.images.values().stream().filter(i -> i.tags.isEmpty()).toList();
    for (EmulatedImage image : untagged) {
      if (registry.digestOf(repository.name, image.digest).isEmpty()) {
        repository.images.remove(image.digest);
      }
    }
  }

  /**
   * Adds a digest the registry holds to the index (with the children of an index); null if the
   * registry lacks it.
   */
  EmulatedImage discover(RepositoryRecord repository, String digest) {
    RegistryHttpApi.Manifest manifest = registry.manifest(repository.name, digest).orElse(null);
    if (manifest == null) {
      return null;
    }
    Instant pushedAt =
        notifiedPushes
            .getOrDefault(repository.name, Map.of())
            .getOrDefault(digest, clock.instant());
    EmulatedImage image =
        EmulatedImage.of(manifest.digest(), manifest.mediaType(), manifest.bytes(), pushedAt);
    for (String child : image.childDigests) {
      if (!repository.images.containsKey(child)) {
        discover(repository, child);
      }
    }
    repository.images.put(image.digest, image);
    return image;
  }

  /** Deletes an image from the registry (which drops all its tags there) and from the index. */
  void delete(RepositoryRecord repository, EmulatedImage image) {
    registry.deleteManifest(repository.name, image.digest);
    repository.images.remove(image.digest);
    repository.tagsUntaggedInIndexOnly.values().removeIf(image.digest::equals);
    Map<String, Instant> pushes = notifiedPushes.get(repository.name);
    if (pushes != null) {
      pushes.remove(image.digest);
    }
  }

  /**
   * A manifest push the registry reported; {@code known} says whether the repository exists in the
   * emulator.
   */
  void notifyPush(String repository, String digest, Instant time, boolean known) {
    if (!known) {
      violations.add(
          "manifest "
              + digest
              + " was pushed to '"
              + repository
              + "', which was never created "
              + "(ECR answers NAME_UNKNOWN)");
      return;
    }
    notifiedPushes
        .computeIfAbsent(repository, r -> new HashMap<>())
        .merge(digest, time, (first, later) -> first.isBefore(later) ? first : later);
  }

  /**
   * A manifest push under a tag that the registry reported. Pushing an immutable tag again, even
   * with the same digest, is refused by ECR ({@code TAG_INVALID}) but not by the plain registry:
   * record it. (A push that moved the tag to another digest is caught and undone by {@link
   * #refresh}.)
   */
  void notifyTagPush(RepositoryRecord repository, String tag, String digest, Instant time) {
    Instant assigned = repository.tagAssignedAt.get(tag);
    boolean samePush =
        repository.imageByTag(tag).map(image -> image.digest.equals(digest)).orElse(false);
    if (repository.isImmutable(tag) && samePush && assigned != null && time.isAfter(assigned)) {
      violations.add(
          "tag '"
              + tag
              + "' of immutable repository '"
              + repository.name
              + "' was pushed again "
              + "(ECR answers TAG_INVALID: The image tag '"
              + tag
              + "' already exists in the '"
              + repository.name
              + "' repository and cannot be overwritten because the tag is immutable.)");
    }
  }

  /**
   * Digests pushed by digest only (no tag) appear through notifications; earlier push times replace
   * first-seen ones.
   */
  private void mergeNotifiedPushes(RepositoryRecord repository) {
    Map<String, Instant> pushes = notifiedPushes.getOrDefault(repository.name, Map.of());
    Set<String> merged = new HashSet<>();
    for (Map.Entry<String, Instant> push : new ArrayList<>(pushes.entrySet())) {
      EmulatedImage image = repository.images.get(push.getKey());
      if (image == null) {
        image = discover(repository, push.getKey());
      } else if (!image.pushedAtSeeded && push.getValue().isBefore(image.pushedAt)) {
        image.pushedAt = push.getValue();
      }
      merged.add(push.getKey());
    }
    pushes.keySet().removeAll(merged);
  }
}
