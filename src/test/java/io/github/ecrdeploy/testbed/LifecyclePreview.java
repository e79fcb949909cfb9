package io.github.ecrdeploy.testbed;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Evaluates a lifecycle policy against a repository's images with ECR's rules (ecr-api.md §1.4),
 * written from the reference independently of the plugin's own evaluator:
 *
 * <ul>
 *   <li>every rule selects images by tag status, tag prefixes/patterns (all list entries must be
 *       matched, each by any one tag) and storage class;
 *   <li>an image is owned by the highest-priority (lowest number) rule that selects it, and only
 *       its owner may act on it, but images owned by other rules still count toward a rule's {@code
 *       imageCountMoreThan};
 *   <li>the unit is the whole image (all its tags), ordered by push time (ties: the
 *       later-discovered is newer);
 *   <li>an image that an index of the repository references (a platform image) is neither selected
 *       nor counted by any rule, tagged or not; it goes with its index, when every index
 *       referencing it goes (ECR user guide, lifecycle evaluation rules: "If an image is referenced
 *       by a manifest list, it cannot be expired or archived without the manifest list being
 *       deleted or archived first"; untagged children of a tagged index are left out of count-based
 *       ranking in ECR's preview, ecr-api.md field notes).
 * </ul>
 */
final class LifecyclePreview {

  /**
   * One image the policy would act on. {@code action} and {@code storageClass} are the API's
   * upper-case enums.
   */
  record Result(
      String imageDigest,
      List<String> imageTags,
      Instant imagePushedAt,
      String action,
      String targetStorageClass,
      int appliedRulePriority,
      String storageClass) {}

  private static final Comparator<EmulatedImage> NEWEST_FIRST =
      Comparator.comparing((EmulatedImage image) -> image.pushedAt)
          .thenComparingLong(image -> image.discoveryOrder)
          .reversed();

  private LifecyclePreview() {}

  static List<Result> evaluate(
      EmulatedLifecyclePolicy policy, RepositoryRecord repository, Instant now) {
    List<EmulatedImage> images =
        repository.images.values().stream()
            .filter(image -> repository.referencingIndexes(image.digest).isEmpty())
            .toList();
    Map<EmulatedImage, EmulatedLifecyclePolicy.Rule> owners = new LinkedHashMap<>();
    for (EmulatedImage image : images) {
      policy.rules().stream()
          .filter(rule -> selects(rule, image))
          .findFirst()
          .ifPresent(rule -> owners.put(image, rule));
    }
    Map<EmulatedImage, EmulatedLifecyclePolicy.Rule> acted = new LinkedHashMap<>();
    for (EmulatedLifecyclePolicy.Rule rule : policy.rules()) {
      List<EmulatedImage> selected =
          images.stream().filter(image -> selects(rule, image)).sorted(NEWEST_FIRST).toList();
      for (EmulatedImage image : marked(rule, selected, now)) {
        if (owners.get(image) == rule) {
          acted.putIfAbsent(image, rule);
        }
      }
    }
    addPlatformImagesOfActedIndexes(repository, acted);
    return acted.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(NEWEST_FIRST.reversed()))
        .map(entry -> result(entry.getKey(), entry.getValue()))
        .toList();
  }

  static boolean selects(EmulatedLifecyclePolicy.Rule rule, EmulatedImage image) {
    if (!rule.storageClass().equals(storageClass(image))) {
      return false;
    }
    return switch (rule.tagStatus()) {
      case "untagged" -> image.tags.isEmpty();
      case "any" -> true;
      default ->
          !image.tags.isEmpty()
              && rule.tagPrefixes().stream()
                  .allMatch(prefix -> anyTag(image, tag -> tag.startsWith(prefix)))
              && rule.tagPatterns().stream()
                  .allMatch(pattern -> anyTag(image, tag -> Wildcard.matches(pattern, tag)));
    };
  }

  private static boolean anyTag(EmulatedImage image, Predicate<String> matches) {
    return image.tags.stream().anyMatch(matches);
  }

  private static List<EmulatedImage> marked(
      EmulatedLifecyclePolicy.Rule rule, List<EmulatedImage> newestFirst, Instant now) {
    Duration days = Duration.ofDays(Math.min(rule.countNumber(), 1_000_000));
    return switch (rule.countType()) {
      case "imageCountMoreThan" ->
          newestFirst.subList(
              (int) Math.min(rule.countNumber(), newestFirst.size()), newestFirst.size());
      case "sinceImagePushed" ->
          newestFirst.stream().filter(i -> olderThan(i.pushedAt, days, now)).toList();
      case "sinceImagePulled" ->
          newestFirst.stream()
              .filter(
                  i -> olderThan(Optional.ofNullable(i.lastPulledAt).orElse(i.pushedAt), days, now))
              .toList();
      case "sinceImageTransitioned" ->
          newestFirst.stream()
              .filter(i -> i.archived && olderThan(i.lastArchivedAt, days, now))
              .toList();
      default -> throw new IllegalStateException(rule.countType());
    };
  }

  /**
   * A platform image goes with its indexes: when every index referencing it is acted on, by the
   * rule of one of them (one that archives, if any does, since an archived index keeps its images).
   */
  private static void addPlatformImagesOfActedIndexes(
      RepositoryRecord repository, Map<EmulatedImage, EmulatedLifecyclePolicy.Rule> acted) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (EmulatedImage image : repository.images.values()) {
        List<EmulatedImage> indexes = repository.referencingIndexes(image.digest);
        if (acted.containsKey(image)
            || indexes.isEmpty()
            || !indexes.stream().allMatch(acted::containsKey)) {
          continue;
        }
        EmulatedLifecyclePolicy.Rule rule =
            indexes.stream()
                .map(acted::get)
                .filter(r -> r.actionType().equals("transition"))
                .findFirst()
                .orElse(acted.get(indexes.get(0)));
        acted.put(image, rule);
        changed = true;
      }
    }
  }

  private static boolean olderThan(Instant time, Duration age, Instant now) {
    return Duration.between(time, now).compareTo(age) > 0;
  }

  private static String storageClass(EmulatedImage image) {
    return image.archived ? EmulatedLifecyclePolicy.ARCHIVE : EmulatedLifecyclePolicy.STANDARD;
  }

  private static Result result(EmulatedImage image, EmulatedLifecyclePolicy.Rule rule) {
    boolean transition = rule.actionType().equals("transition");
    return new Result(
        image.digest,
        List.copyOf(image.tags),
        image.pushedAt,
        transition ? "TRANSITION" : "EXPIRE",
        transition ? "ARCHIVE" : null,
        rule.priority(),
        image.archived ? "ARCHIVE" : "STANDARD");
  }
}
