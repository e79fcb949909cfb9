package io.github.ecrdeploy.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates a lifecycle policy on a list of images the way ECR does (<a
 * href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html">evaluation
 * rules</a>):
 *
 * <ul>
 *   <li>A rule selects the images of its storage class that fit its {@code tagStatus}; with a tag
 *       list, an image needs, for every entry, a tag that starts with the prefix or matches the
 *       pattern.
 *   <li>Each image is owned by the highest-priority rule that selects it, and only its owner may
 *       act on it.
 *   <li>Every rule marks images among all it selects, owned by earlier rules or not: so owned
 *       images still count toward a later rule's {@code imageCountMoreThan} and can push other
 *       images over its limit.
 *   <li>Rules act on whole images (a manifest with all its tags), never on single tags.
 *   <li>{@code imageCountMoreThan} keeps the newest N selected images; {@code sinceImagePushed},
 *       {@code sinceImagePulled} and {@code sinceImageTransitioned} mark images whose time is more
 *       than N × 24 hours before {@code now}.
 * </ul>
 *
 * <p>Times: an image's push time is {@code lastActivatedAt} if it was restored from the archive,
 * else {@code pushedAt}; its pull time is the latest of push time and {@code lastPulledAt} (never
 * pulled: push time); its archive time is {@code lastTransitionedAt} (an archived image without one
 * is never marked by {@code sinceImageTransitioned}).
 *
 * <p>Order: newest push time first; images with equal push times are ordered by digest, the greater
 * digest counting as newer. ECR does not document its tie-break; this one is deterministic whatever
 * order the images arrive in.
 *
 * <p>Platform images of an image index (manifest list): "If an image is referenced by a manifest
 * list, it cannot be expired or archived without the manifest list being deleted or archived first"
 * (evaluation rules). So an image that an index of the repository references is not ranked or
 * counted on its own, tagged or not (testing against ECR's preview found untagged children of a
 * tagged index left out of count-based ranking); it goes when every index that references it goes
 * (archived when one of them is archived, else expired) and stays otherwise. Platform images follow
 * their index in the result, in the index's order.
 *
 * <p>Not modelled: referrers such as signatures (ECR removes them within 24 hours after their
 * subject).
 */
public final class LifecycleSimulator {

  /** Newest first: later push time first, then the greater digest. */
  static final Comparator<ImageRecord> NEWEST_FIRST =
      Comparator.comparing(LifecycleSimulator::pushTime)
          .thenComparing(ImageRecord::digest)
          .reversed();

  private LifecycleSimulator() {}

  /** What the policy does to each image when ECR evaluates it at {@code now}, without indexes. */
  public static Simulation simulate(
      LifecyclePolicy policy, Collection<ImageRecord> images, Instant now) {
    return simulate(policy, images, ImageIndexes.NONE, now);
  }

  /**
   * What the policy does to each image when ECR evaluates it at {@code now}.
   *
   * @param policy a policy accepted by {@link PolicyValidator}
   * @param images every image of the repository, each digest once
   * @param indexes the platform images of the repository's indexes
   */
  public static Simulation simulate(
      LifecyclePolicy policy, Collection<ImageRecord> images, ImageIndexes indexes, Instant now) {
    Set<String> digests = new HashSet<>();
    for (ImageRecord image : images) {
      if (!digests.add(image.digest())) {
        throw new IllegalArgumentException("Image " + image.digest() + " is listed twice");
      }
    }
    List<ImageRecord> newestFirst = images.stream().sorted(NEWEST_FIRST).toList();
    Map<String, List<String>> parents = new HashMap<>();
    for (ImageRecord image : newestFirst) {
      List<String> of = new ArrayList<>(indexes.indexesOf(image.digest(), digests));
      of.remove(image.digest());
      parents.put(image.digest(), of);
    }
    List<ImageRecord> ranked =
        newestFirst.stream().filter(image -> parents.get(image.digest()).isEmpty()).toList();
    Map<LifecycleRule, Set<String>> markedByRule = new HashMap<>();
    for (LifecycleRule rule : policy.rules()) {
      List<ImageRecord> selected = ranked.stream().filter(image -> selects(rule, image)).toList();
      markedByRule.put(rule, marked(rule, selected, now));
    }
    Map<String, SimulatedImage> fates = new LinkedHashMap<>();
    for (ImageRecord image : ranked) {
      LifecycleRule owner =
          policy.rules().stream().filter(rule -> selects(rule, image)).findFirst().orElse(null);
      boolean acts = owner != null && markedByRule.get(owner).contains(image.digest());
      fates.put(
          image.digest(),
          new SimulatedImage(image, acts ? action(owner) : ImageAction.NONE, owner));
    }
    List<ImageRecord> platformImages =
        newestFirst.stream().filter(image -> !parents.get(image.digest()).isEmpty()).toList();
    while (fates.size() < newestFirst.size()) {
      int before = fates.size();
      for (ImageRecord image : platformImages) {
        List<String> of = parents.get(image.digest());
        if (!fates.containsKey(image.digest()) && fates.keySet().containsAll(of)) {
          fates.put(
              image.digest(),
              platformImageFate(image, of.stream().map(fates::get).toList(), indexes));
        }
      }
      if (fates.size() == before) {
        throw new IllegalArgumentException("Image indexes reference each other in a cycle");
      }
    }
    List<SimulatedImage> outcomes = new ArrayList<>();
    for (ImageRecord image : ranked) {
      addWithPlatformImages(fates.get(image.digest()), fates, indexes, outcomes);
    }
    return new Simulation(outcomes);
  }

  /** A platform image goes when all its indexes go: archived if one is archived, else expired. */
  private static SimulatedImage platformImageFate(
      ImageRecord image, List<SimulatedImage> indexFates, ImageIndexes indexes) {
    boolean allGo = indexFates.stream().allMatch(index -> index.action() != ImageAction.NONE);
    ImageAction action =
        !allGo
            ? ImageAction.NONE
            : indexFates.stream().allMatch(index -> index.action() == ImageAction.EXPIRE)
                ? ImageAction.EXPIRE
                : ImageAction.TRANSITION;
    SimulatedImage decidingIndex =
        indexFates.stream()
            .filter(index -> index.action() == action)
            .findFirst()
            .orElse(indexFates.get(0));
    String index = decidingIndex.image().digest();
    return new SimulatedImage(
        image,
        action,
        decidingIndex.decidingRule(),
        index,
        indexes.platformOf(index, image.digest()).orElse(null));
  }

  /**
   * The image, then the platform images listed under it in the index's order (each once, under its
   * deciding index).
   */
  private static void addWithPlatformImages(
      SimulatedImage image,
      Map<String, SimulatedImage> fates,
      ImageIndexes indexes,
      List<SimulatedImage> outcomes) {
    outcomes.add(image);
    String digest = image.image().digest();
    for (PlatformImage platformImage : indexes.platformImages().getOrDefault(digest, List.of())) {
      SimulatedImage fate = fates.get(platformImage.digest());
      if (fate != null && digest.equals(fate.index()) && !outcomes.contains(fate)) {
        addWithPlatformImages(fate, fates, indexes, outcomes);
      }
    }
  }

  static boolean selects(LifecycleRule rule, ImageRecord image) {
    if (image.storageClass() != rule.selectedStorageClass()) {
      return false;
    }
    List<String> tags = image.tags();
    return switch (rule.tagStatus()) {
      case ANY -> true;
      case UNTAGGED -> tags.isEmpty();
      case TAGGED ->
          rule.tagPrefixes() != null
              ? rule.tagPrefixes().stream()
                  .allMatch(prefix -> tags.stream().anyMatch(tag -> tag.startsWith(prefix)))
              : rule.tagPatterns().stream()
                  .allMatch(
                      pattern -> tags.stream().anyMatch(tag -> TagGlob.matches(pattern, tag)));
    };
  }

  /** The digests the rule marks among the images it selects (newest first). */
  private static Set<String> marked(LifecycleRule rule, List<ImageRecord> selected, Instant now) {
    int n = rule.countNumber();
    List<ImageRecord> marked =
        switch (rule.countType()) {
          case IMAGE_COUNT_MORE_THAN ->
              selected.subList(Math.min(n, selected.size()), selected.size());
          case SINCE_IMAGE_PUSHED ->
              selected.stream().filter(image -> olderThan(pushTime(image), n, now)).toList();
          case SINCE_IMAGE_PULLED ->
              selected.stream().filter(image -> olderThan(pullTime(image), n, now)).toList();
          case SINCE_IMAGE_TRANSITIONED ->
              selected.stream()
                  .filter(
                      image ->
                          image.lastTransitionedAt() != null
                              && olderThan(image.lastTransitionedAt(), n, now))
                  .toList();
        };
    return marked.stream().map(ImageRecord::digest).collect(Collectors.toCollection(HashSet::new));
  }

  private static boolean olderThan(Instant time, int days, Instant now) {
    return time.plus(Duration.ofDays(days)).isBefore(now);
  }

  private static Instant pushTime(ImageRecord image) {
    return image.lastActivatedAt() != null ? image.lastActivatedAt() : image.pushedAt();
  }

  private static Instant pullTime(ImageRecord image) {
    Instant pushed = pushTime(image);
    return image.lastPulledAt() != null && image.lastPulledAt().isAfter(pushed)
        ? image.lastPulledAt()
        : pushed;
  }

  private static ImageAction action(LifecycleRule rule) {
    return switch (rule.action()) {
      case EXPIRE -> ImageAction.EXPIRE;
      case TRANSITION -> ImageAction.TRANSITION;
    };
  }
}
