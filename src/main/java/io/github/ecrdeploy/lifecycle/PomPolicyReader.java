package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.PomRuleLocation.element;
import static io.github.ecrdeploy.lifecycle.PomRuleLocation.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code <lifecyclePolicy><rules>} into policy rules, filling in the POM defaults:
 *
 * <ul>
 *   <li>{@code <tagStatus>}: {@code tagged} when prefixes or patterns are given, else {@code any};
 *   <li>{@code <priority>}: the rule's position (1-based) for rules that are not {@code any};
 *       {@code any} rules without a priority come after all others, in their order;
 *   <li>{@code <storageClass>}: {@code archive} with {@code <archivedForDays>}, else left out
 *       (standard);
 *   <li>{@code <action>}: {@code expire}; {@code archive} becomes {@code transition} to {@code
 *       archive};
 *   <li>{@code countUnit}: {@code days} with the day-based count elements.
 * </ul>
 *
 * Values of {@code <tagStatus>}, {@code <storageClass>} and {@code <action>} are read ignoring
 * case. ECR's own constraints are left to {@link PolicyValidator}.
 */
final class PomPolicyReader {

  static final String SOURCE = "<lifecyclePolicy>";

  private PomPolicyReader() {}

  static PolicyDraft read(List<RuleConfig> declared) {
    if (declared == null || declared.isEmpty()) {
      return PolicyDraft.unreadable(
          SOURCE,
          PomRuleLocation.RULES,
          List.of(
              "<lifecyclePolicy> declares no rule: add <rules><rule>...</rule></rules>, or point"
                  + " <policyFile> at a policy JSON file"));
    }
    List<RuleConfig> rules = declared.stream().map(r -> r == null ? new RuleConfig() : r).toList();
    List<String> problems = new ArrayList<>();
    List<Optional<TagStatus>> statuses = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      statuses.add(tagStatus(rules.get(i), i + 1, problems));
    }
    int[] priorities = priorities(rules, statuses);
    List<LifecycleRule> read = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Optional<LifecycleRule> rule =
          readRule(rules.get(i), i + 1, statuses.get(i), priorities[i], problems);
      rule.ifPresent(read::add);
    }
    return new PolicyDraft(SOURCE, PomRuleLocation.RULES, rules.size(), read, problems);
  }

  private static Optional<TagStatus> tagStatus(
      RuleConfig rule, int position, List<String> problems) {
    if (rule.getTagStatus() == null) {
      boolean hasTags = !isEmpty(rule.getTagPrefixes()) || !isEmpty(rule.getTagPatterns());
      return Optional.of(hasTags ? TagStatus.TAGGED : TagStatus.ANY);
    }
    Optional<TagStatus> status = PolicyValue.fromPom(TagStatus.class, rule.getTagStatus());
    if (status.isEmpty()) {
      problems.add(
          element(position, "tagStatus")
              + " is \""
              + rule.getTagStatus()
              + "\": use tagged, untagged or any (or leave it out: tagged when tag prefixes or"
              + " patterns are given, else any)");
    }
    return status;
  }

  /**
   * Explicit priorities as given; others by position, {@code any} rules after the highest priority.
   */
  private static int[] priorities(List<RuleConfig> rules, List<Optional<TagStatus>> statuses) {
    int[] priorities = new int[rules.size()];
    int highest = 0;
    for (int i = 0; i < rules.size(); i++) {
      Integer explicit = rules.get(i).getPriority();
      if (explicit != null || !isAny(statuses.get(i))) {
        priorities[i] = explicit != null ? explicit : i + 1;
        highest = Math.max(highest, priorities[i]);
      }
    }
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).getPriority() == null && isAny(statuses.get(i))) {
        priorities[i] = ++highest;
      }
    }
    return priorities;
  }

  private static boolean isAny(Optional<TagStatus> status) {
    return status.orElse(null) == TagStatus.ANY;
  }

  /** The rule, or empty when it cannot be read; every reason is added to {@code problems}. */
  private static Optional<LifecycleRule> readRule(
      RuleConfig rule,
      int position,
      Optional<TagStatus> tagStatus,
      int priority,
      List<String> problems) {
    int before = problems.size();
    List<String> prefixes =
        tags(rule.getTagPrefixes(), position, "tagPrefixes", "tagPrefix", problems);
    List<String> patterns =
        tags(rule.getTagPatterns(), position, "tagPatterns", "tagPattern", problems);
    Optional<CountType> countType = countType(rule, position, problems);
    Optional<ActionType> action = action(rule, position, problems);
    Optional<StorageClass> storageClass = storageClass(rule, position, problems);
    if (problems.size() > before || tagStatus.isEmpty()) {
      return Optional.empty();
    }
    CountType count = countType.orElseThrow();
    ActionType act = action.orElseThrow();
    return Optional.of(
        new LifecycleRule(
            priority,
            rule.getDescription(),
            tagStatus.get(),
            patterns,
            prefixes,
            storageClass.orElse(
                count == CountType.SINCE_IMAGE_TRANSITIONED ? StorageClass.ARCHIVE : null),
            count,
            count.isDayBased() ? CountType.DAYS : null,
            count(rule, count),
            act,
            act == ActionType.TRANSITION ? StorageClass.ARCHIVE : null,
            new PomRuleLocation(position, rule.getPriority() == null, count)));
  }

  private static Integer count(RuleConfig rule, CountType type) {
    return switch (type) {
      case IMAGE_COUNT_MORE_THAN -> rule.getKeepLast();
      case SINCE_IMAGE_PUSHED -> rule.getOlderThanDays();
      case SINCE_IMAGE_PULLED -> rule.getNotPulledForDays();
      case SINCE_IMAGE_TRANSITIONED -> rule.getArchivedForDays();
    };
  }

  private static Optional<CountType> countType(
      RuleConfig rule, int position, List<String> problems) {
    List<CountType> given =
        Arrays.stream(CountType.values()).filter(type -> count(rule, type) != null).toList();
    if (given.size() == 1) {
      return Optional.of(given.get(0));
    }
    if (given.isEmpty()) {
      problems.add(
          rule(position)
              + " says neither how many images to keep nor after how many days to act: set exactly"
              + " one of <keepLast>, <olderThanDays>, <notPulledForDays> or <archivedForDays>");
    } else {
      problems.add(
          rule(position)
              + " sets "
              + given.stream()
                  .map(type -> '<' + type.pomElement() + '>')
                  .collect(Collectors.joining(" and "))
              + ": set exactly one of them (a rule counts one way; write one rule per count)");
    }
    return Optional.empty();
  }

  private static Optional<ActionType> action(RuleConfig rule, int position, List<String> problems) {
    if (rule.getAction() == null) {
      return Optional.of(ActionType.EXPIRE);
    }
    String wanted = rule.getAction().trim().toLowerCase(Locale.ROOT);
    Optional<ActionType> action =
        Arrays.stream(ActionType.values())
            .filter(type -> type.pomValue().equals(wanted))
            .findFirst();
    if (action.isEmpty()) {
      problems.add(
          element(position, "action")
              + " is \""
              + rule.getAction()
              + "\": use expire (delete the images) or archive (move them to the archive storage"
              + " class)");
    }
    return action;
  }

  private static Optional<StorageClass> storageClass(
      RuleConfig rule, int position, List<String> problems) {
    if (rule.getStorageClass() == null) {
      return Optional.empty();
    }
    Optional<StorageClass> storageClass =
        PolicyValue.fromPom(StorageClass.class, rule.getStorageClass());
    if (storageClass.isEmpty()) {
      problems.add(
          element(position, "storageClass")
              + " is \""
              + rule.getStorageClass()
              + "\": use standard or archive (or leave it out: archive with <archivedForDays>, else"
              + " standard)");
    }
    return storageClass;
  }

  /**
   * The tag list, {@code null} when absent or empty (Maven cannot tell them apart); blank entries
   * are problems.
   */
  private static List<String> tags(
      List<String> tags, int position, String list, String entry, List<String> problems) {
    if (isEmpty(tags)) {
      return null;
    }
    checkEntries(tags, element(position, list) + '<' + entry + '>', problems);
    return tags;
  }

  /**
   * Reports the blank entries of a POM list whose entries are {@code entryElement}, e.g. {@code
   * ...<tag>}.
   */
  static void checkEntries(List<String> entries, String entryElement, List<String> problems) {
    for (int i = 0; entries != null && i < entries.size(); i++) {
      if (entries.get(i) == null || entries.get(i).isBlank()) {
        problems.add(entryElement + '[' + (i + 1) + "] is empty: remove it or fill it in");
      }
    }
  }

  private static boolean isEmpty(List<String> list) {
    return list == null || list.isEmpty();
  }
}
