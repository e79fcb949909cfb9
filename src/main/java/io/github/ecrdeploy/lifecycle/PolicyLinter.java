package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.RuleField.TAG_PATTERNS;
import static io.github.ecrdeploy.lifecycle.RuleField.TAG_PREFIXES;

import java.util.ArrayList;
import java.util.List;

/**
 * Warns about valid policies that probably do not do what their author meant:
 *
 * <ul>
 *   <li>a rule with several tag prefixes or patterns: ECR selects only images that have a matching
 *       tag for EVERY entry (an AND), so "keep the last 5 images tagged v, main, prod or latest"
 *       written as one rule selects almost nothing and keeps every other tagged image forever;
 *   <li>a tag prefix containing {@code *}: prefixes take it literally, tags never contain it, the
 *       rule selects nothing;
 *   <li>a rule that can never act, because an earlier rule of the same storage class selects every
 *       image it selects and so decides their fate (proved from the tag lists alone);
 *   <li>no rule for untagged images while tags move: each moved tag leaves its previous image
 *       untagged, and those images pile up.
 * </ul>
 */
public final class PolicyLinter {

  private PolicyLinter() {}

  /**
   * The warnings for a policy accepted by {@link PolicyValidator}.
   *
   * @param tagsMove whether pushes can move a tag to another image (a mutable tag such as {@code
   *     latest}, or any tag in a MUTABLE repository); false only when every tag pushed is new and
   *     immutable
   */
  public static List<String> lint(LifecyclePolicy policy, boolean tagsMove) {
    List<String> warnings = new ArrayList<>();
    for (LifecycleRule rule : policy.rules()) {
      warnIfEveryEntryIsRequired(rule, warnings);
      warnIfPrefixHasWildcard(rule, warnings);
    }
    warnIfNeverActs(policy.rules(), warnings);
    if (tagsMove) {
      warnIfUntaggedImagesPileUp(policy.rules(), warnings);
    }
    return warnings;
  }

  private static void warnIfEveryEntryIsRequired(LifecycleRule rule, List<String> warnings) {
    RuleField list = rule.tagPrefixes() != null ? TAG_PREFIXES : TAG_PATTERNS;
    List<String> entries = list == TAG_PREFIXES ? rule.tagPrefixes() : rule.tagPatterns();
    if (entries != null && entries.size() > 1) {
      String kind = list == TAG_PREFIXES ? "prefix" : "pattern";
      warnings.add(
          rule.location().field(list)
              + " has "
              + entries.size()
              + " entries "
              + entries
              + ", and ECR selects an image for this rule only when it has a tag matching EVERY"
              + " entry: images that match only some of them are not selected, so this rule never"
              + " counts, expires or keeps them. If each "
              + kind
              + " should be handled on its own, write one rule per "
              + kind
              + '.');
    }
  }

  private static void warnIfPrefixHasWildcard(LifecycleRule rule, List<String> warnings) {
    if (selectsNothing(rule)) {
      RuleLocation at = rule.location();
      warnings.add(
          at.field(TAG_PREFIXES)
              + " has "
              + rule.tagPrefixes().stream().filter(TagGlob::hasWildcard).toList()
              + ", but a prefix takes * literally and image tags cannot contain *, so this rule"
              + " selects no image: put wildcards in "
              + at.name(TAG_PATTERNS)
              + " instead");
    }
  }

  private static void warnIfNeverActs(List<LifecycleRule> rules, List<String> warnings) {
    for (int later = 0; later < rules.size(); later++) {
      LifecycleRule shadowed = rules.get(later);
      for (int earlier = 0; earlier < later; earlier++) {
        LifecycleRule owner = rules.get(earlier);
        if (selectsEveryImageOf(owner, shadowed)) {
          warnings.add(
              shadowed.describe()
                  + " can never act: every image it selects is also selected by "
                  + owner.describe()
                  + ", which comes first and so decides what happens to it. Remove the rule, or"
                  + " give it a smaller priority number than "
                  + owner.priority()
                  + " if it should decide instead.");
          break;
        }
      }
    }
  }

  /**
   * Whether {@code owner} selects every image that {@code rule} selects. Only tagged rules can
   * prove it: an earlier {@code any} rule or a second {@code untagged} rule of a storage class is
   * invalid anyway.
   */
  private static boolean selectsEveryImageOf(LifecycleRule owner, LifecycleRule rule) {
    if (owner.selectedStorageClass() != rule.selectedStorageClass()
        || owner.tagStatus() != TagStatus.TAGGED
        || rule.tagStatus() != TagStatus.TAGGED
        || selectsNothing(owner)
        || selectsNothing(rule)) {
      return false;
    }
    // An image selected by `rule` has, for each entry of `rule`, a tag matching it, and nothing
    // more is known.
    // So `owner` selects it for sure exactly when each owner entry covers some entry of `rule`.
    List<String> ruleEntries = patterns(rule);
    return patterns(owner).stream()
        .allMatch(
            ownerEntry ->
                ruleEntries.stream().anyMatch(entry -> TagGlob.covers(ownerEntry, entry)));
  }

  /**
   * The rule's tag list as patterns: a prefix {@code p} selects what the pattern {@code p*}
   * selects.
   */
  private static List<String> patterns(LifecycleRule rule) {
    return rule.tagPrefixes() != null
        ? rule.tagPrefixes().stream().map(TagGlob::ofPrefix).toList()
        : rule.tagPatterns();
  }

  private static boolean selectsNothing(LifecycleRule rule) {
    return rule.tagPrefixes() != null && rule.tagPrefixes().stream().anyMatch(TagGlob::hasWildcard);
  }

  private static void warnIfUntaggedImagesPileUp(List<LifecycleRule> rules, List<String> warnings) {
    boolean untaggedHandled =
        rules.stream()
            .anyMatch(
                rule ->
                    rule.selectedStorageClass() == StorageClass.STANDARD
                        && rule.tagStatus() != TagStatus.TAGGED);
    if (!untaggedHandled) {
      warnings.add(
          "No rule selects untagged images, but tags move: when a tag such as latest is pushed"
              + " again, the image it pointed to stays in the repository untagged, and nothing in"
              + " this policy ever removes it. Add a rule for untagged images (tagStatus untagged),"
              + " e.g. one that expires them 14 days after their push. Such a rule leaves the"
              + " untagged platform images of a multi-platform index alone: they go with their"
              + " index.");
    }
  }
}
