package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.RuleField.COUNT_NUMBER;
import static io.github.ecrdeploy.lifecycle.RuleField.COUNT_UNIT;
import static io.github.ecrdeploy.lifecycle.RuleField.PRIORITY;
import static io.github.ecrdeploy.lifecycle.RuleField.STORAGE_CLASS;
import static io.github.ecrdeploy.lifecycle.RuleField.TAG_PATTERNS;
import static io.github.ecrdeploy.lifecycle.RuleField.TAG_PREFIXES;
import static io.github.ecrdeploy.lifecycle.RuleField.TARGET_STORAGE_CLASS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a declared lifecycle policy against every constraint ECR enforces on {@code
 * PutLifecyclePolicy}, before any network call, and reports all problems at once, each naming the
 * POM element or policy-file JSON path and saying what to do:
 *
 * <ul>
 *   <li>1 to 50 rules; the rendered policy is 100 to 30,720 characters;
 *   <li>priorities are unique and at least 1;
 *   <li>per storage class: a {@code tagStatus any} rule has the highest priority number, at most
 *       one rule selects untagged images, and no two rules have the same set of tag prefixes;
 *   <li>{@code tagged} needs a tag prefix or pattern list, the lists only go with {@code tagged},
 *       never both in one rule, at most 4 {@code *} per pattern;
 *   <li>{@code countNumber} at least 1 ({@code sinceImageTransitioned}: 90, the archive's minimum
 *       storage duration); {@code countUnit} {@code days} exactly with the day-based count types;
 *   <li>archive: {@code sinceImagePulled} only with {@code transition}; {@code
 *       sinceImageTransitioned} only with {@code expire} and storage class {@code archive}, which
 *       in turn needs {@code sinceImageTransitioned}; {@code transition} needs target {@code
 *       archive}, {@code expire} takes no target.
 * </ul>
 *
 * The schema checks (unknown properties, {@code null}, types, enum values) happen while the policy
 * is read.
 */
public final class PolicyValidator {

  static final int MAX_RULES = 50;
  static final int MIN_TEXT_LENGTH = 100;
  static final int MAX_TEXT_LENGTH = 30_720;
  static final int MAX_WILDCARDS = 4;
  static final int MIN_ARCHIVED_DAYS = 90;

  private PolicyValidator() {}

  /**
   * Reads the policy from {@code <rules>} or {@code <policyFile>} and checks it.
   *
   * @return the policy, ready to render and simulate
   * @throws InvalidLifecyclePolicyException listing every problem found
   */
  public static LifecyclePolicy validate(LifecyclePolicyConfig config)
      throws InvalidLifecyclePolicyException {
    boolean hasRules = config.getRules() != null && !config.getRules().isEmpty();
    if (hasRules && config.getPolicyFile() != null) {
      throw new InvalidLifecyclePolicyException(
          PomPolicyReader.SOURCE,
          List.of("<lifecyclePolicy> has both <rules> and <policyFile>: keep one of them"));
    }
    PolicyDraft draft =
        config.getPolicyFile() != null
            ? PolicyJsonReader.read(config.getPolicyFile())
            : PomPolicyReader.read(config.getRules());
    List<String> problems = new ArrayList<>();
    PomPolicyReader.checkEntries(
        config.getProtectedTags(), "<lifecyclePolicy><protectedTags><tag>", problems);
    return validate(draft, problems);
  }

  /**
   * Checks a draft; {@code problems} already found elsewhere are reported together with the
   * draft's.
   */
  static LifecyclePolicy validate(PolicyDraft draft, List<String> problems)
      throws InvalidLifecyclePolicyException {
    List<String> all = new ArrayList<>(draft.problems());
    all.addAll(problems);
    if (draft.declaredRules() > MAX_RULES) {
      all.add(
          draft.rulesLocation()
              + " has "
              + draft.declaredRules()
              + " rules, but ECR allows at most "
              + MAX_RULES
              + " per policy: combine rules");
    }
    LifecyclePolicy policy = new LifecyclePolicy(draft.source(), draft.rules());
    draft.rules().forEach(rule -> checkRule(rule, all));
    checkUniquePriorities(policy.rules(), all);
    for (StorageClass storageClass : StorageClass.values()) {
      List<LifecycleRule> rules =
          policy.rules().stream()
              .filter(rule -> rule.selectedStorageClass() == storageClass)
              .toList();
      checkAnyRuleLast(rules, storageClass, all);
      checkOneUntaggedRule(rules, storageClass, all);
      checkUniquePrefixSets(rules, storageClass, all);
    }
    if (all.isEmpty()) {
      checkLength(PolicyJson.render(policy), all);
    }
    if (!all.isEmpty()) {
      throw new InvalidLifecyclePolicyException(draft.source(), all);
    }
    return policy;
  }

  private static void checkRule(LifecycleRule rule, List<String> problems) {
    RuleLocation at = rule.location();
    if (rule.priority() < 1) {
      problems.add(
          at.field(PRIORITY)
              + " must be >= 1 (it is "
              + rule.priority()
              + "): priority 1 is applied first; use 1 or more");
    }
    checkTags(rule, problems);
    checkCount(rule, problems);
    checkArchive(rule, problems);
  }

  private static void checkTags(LifecycleRule rule, List<String> problems) {
    RuleLocation at = rule.location();
    boolean prefixes = rule.tagPrefixes() != null;
    boolean patterns = rule.tagPatterns() != null;
    if (rule.tagStatus() == TagStatus.TAGGED) {
      if (!prefixes && !patterns) {
        problems.add(
            at.rule()
                + " has "
                + at.setting(TagStatus.TAGGED)
                + " but neither "
                + at.name(TAG_PREFIXES)
                + " nor "
                + at.name(TAG_PATTERNS)
                + ": add one to say which tags it selects, or use "
                + at.setting(TagStatus.ANY)
                + " to select every image");
      }
      if (prefixes && patterns) {
        problems.add(
            at.rule()
                + " has both "
                + at.name(TAG_PREFIXES)
                + " and "
                + at.name(TAG_PATTERNS)
                + ", but ECR allows only one of them per rule: keep one, or split the rule in two");
      }
    } else {
      for (RuleField list : List.of(TAG_PREFIXES, TAG_PATTERNS)) {
        if (list == TAG_PREFIXES ? prefixes : patterns) {
          problems.add(
              at.field(list)
                  + " only works with "
                  + at.setting(TagStatus.TAGGED)
                  + ", but the rule has "
                  + at.setting(rule.tagStatus())
                  + ": remove the list, or set "
                  + at.setting(TagStatus.TAGGED));
        }
      }
    }
    if (patterns) {
      for (String pattern : rule.tagPatterns()) {
        long wildcards = pattern.chars().filter(c -> c == '*').count();
        if (wildcards > MAX_WILDCARDS) {
          problems.add(
              at.field(TAG_PATTERNS)
                  + " has \""
                  + pattern
                  + "\" with "
                  + wildcards
                  + " wildcards (*), but ECR allows at most "
                  + MAX_WILDCARDS
                  + " per pattern: use fewer");
        }
      }
    }
  }

  private static void checkCount(LifecycleRule rule, List<String> problems) {
    RuleLocation at = rule.location();
    CountType type = rule.countType();
    if (type == CountType.SINCE_IMAGE_TRANSITIONED && rule.countNumber() < MIN_ARCHIVED_DAYS) {
      problems.add(
          at.field(COUNT_NUMBER)
              + " must be >= "
              + MIN_ARCHIVED_DAYS
              + " (it is "
              + rule.countNumber()
              + "): archived images have a 90-day minimum storage duration, and ECR refuses rules"
              + " that delete them sooner; use "
              + MIN_ARCHIVED_DAYS
              + " or more");
    } else if (rule.countNumber() < 1) {
      problems.add(
          at.field(COUNT_NUMBER)
              + " must be >= 1 (it is "
              + rule.countNumber()
              + "): ECR accepts only positive numbers here; use 1 or more");
    }
    if (type.isDayBased() && rule.countUnit() == null) {
      problems.add(
          at.field(COUNT_UNIT)
              + " is missing: "
              + at.setting(type)
              + " counts days, so ECR needs \""
              + COUNT_UNIT.jsonName()
              + "\": \""
              + CountType.DAYS
              + '"');
    } else if (!type.isDayBased() && rule.countUnit() != null) {
      problems.add(
          at.field(COUNT_UNIT)
              + " is only allowed with the day-based count types, not with "
              + at.setting(type)
              + ", which counts images: remove it");
    }
  }

  private static void checkArchive(LifecycleRule rule, List<String> problems) {
    RuleLocation at = rule.location();
    switch (rule.countType()) {
      case SINCE_IMAGE_PULLED -> {
        if (rule.action() != ActionType.TRANSITION) {
          problems.add(
              at.rule()
                  + ": "
                  + at.setting(CountType.SINCE_IMAGE_PULLED)
                  + " can only archive images,"
                  + " ECR does not expire by pull time: set "
                  + at.setting(ActionType.TRANSITION)
                  + " (to delete them later, add an archive storage class rule with "
                  + at.setting(CountType.SINCE_IMAGE_TRANSITIONED)
                  + ')');
        }
      }
      case SINCE_IMAGE_TRANSITIONED -> {
        if (rule.action() != ActionType.EXPIRE) {
          problems.add(
              at.rule()
                  + ": "
                  + at.setting(CountType.SINCE_IMAGE_TRANSITIONED)
                  + " deletes images from the archive, so it needs "
                  + at.setting(ActionType.EXPIRE));
        }
        if (rule.storageClass() != StorageClass.ARCHIVE) {
          problems.add(
              at.rule()
                  + ": "
                  + at.setting(CountType.SINCE_IMAGE_TRANSITIONED)
                  + " selects archived images, so ECR needs "
                  + at.setting(StorageClass.ARCHIVE));
        }
      }
      default -> {
        if (rule.storageClass() == StorageClass.ARCHIVE) {
          problems.add(
              at.field(STORAGE_CLASS)
                  + " is archive, which ECR allows only with "
                  + at.setting(CountType.SINCE_IMAGE_TRANSITIONED)
                  + " (archived images are only expired some days after they were archived): use"
                  + " that count, or select the standard storage class");
        }
      }
    }
    if (rule.action() == ActionType.TRANSITION
        && rule.targetStorageClass() != StorageClass.ARCHIVE) {
      problems.add(
          at.field(TARGET_STORAGE_CLASS)
              + (rule.targetStorageClass() == null
                  ? " is missing"
                  : " is \"" + rule.targetStorageClass().json() + '"')
              + ": ECR transitions images only to the archive, so write "
              + at.setting(ActionType.TRANSITION));
    } else if (rule.action() == ActionType.EXPIRE && rule.targetStorageClass() != null) {
      problems.add(
          at.field(TARGET_STORAGE_CLASS)
              + " is only allowed with "
              + at.setting(ActionType.TRANSITION)
              + ": remove it from this expire action");
    }
  }

  private static void checkUniquePriorities(List<LifecycleRule> rules, List<String> problems) {
    Map<Integer, List<LifecycleRule>> byPriority =
        rules.stream()
            .collect(
                Collectors.groupingBy(LifecycleRule::priority, TreeMap::new, Collectors.toList()));
    byPriority.forEach(
        (priority, same) -> {
          if (same.size() > 1) {
            RuleLocation last = same.get(same.size() - 1).location();
            problems.add(
                and(same, rule -> rule.location().field(PRIORITY))
                    + " have the same priority, "
                    + priority
                    + ": ECR needs a unique priority per rule; give each rule its own "
                    + last.name(PRIORITY));
          }
        });
  }

  private static void checkAnyRuleLast(
      List<LifecycleRule> rules, StorageClass storageClass, List<String> problems) {
    LifecycleRule last = rules.isEmpty() ? null : rules.get(rules.size() - 1);
    for (LifecycleRule rule : rules) {
      if (rule.tagStatus() == TagStatus.ANY && last.priority() > rule.priority()) {
        RuleLocation at = rule.location();
        problems.add(
            at.rule()
                + " has "
                + at.setting(TagStatus.ANY)
                + ", so ECR applies it after every other rule"
                + " of the "
                + storageClass.json()
                + " storage class, but "
                + last.describe()
                + " comes later: give "
                + at.field(PRIORITY)
                + " a number above "
                + last.priority());
      }
    }
  }

  private static void checkOneUntaggedRule(
      List<LifecycleRule> rules, StorageClass storageClass, List<String> problems) {
    List<LifecycleRule> untagged =
        rules.stream().filter(rule -> rule.tagStatus() == TagStatus.UNTAGGED).toList();
    if (untagged.size() > 1) {
      problems.add(
          and(untagged, rule -> rule.location().rule())
              + " each select untagged images of the "
              + storageClass.json()
              + " storage class, but ECR allows only one such rule per storage class: merge them");
    }
  }

  private static void checkUniquePrefixSets(
      List<LifecycleRule> rules, StorageClass storageClass, List<String> problems) {
    Map<Set<String>, List<LifecycleRule>> byPrefixes =
        rules.stream()
            .filter(rule -> rule.tagPrefixes() != null)
            .collect(
                Collectors.groupingBy(
                    rule -> Set.copyOf(rule.tagPrefixes()),
                    LinkedHashMap::new,
                    Collectors.toList()));
    byPrefixes.forEach(
        (prefixes, same) -> {
          if (same.size() > 1) {
            problems.add(
                and(same, rule -> rule.location().rule())
                    + " select the same tag prefixes "
                    + same.get(0).tagPrefixes()
                    + " in the "
                    + storageClass.json()
                    + " storage class, but ECR requires a"
                    + " unique set of prefixes per storage class: merge them into one rule");
          }
        });
  }

  private static void checkLength(String text, List<String> problems) {
    int length = text.codePointCount(0, text.length());
    if (length < MIN_TEXT_LENGTH || length > MAX_TEXT_LENGTH) {
      problems.add(
          "The policy is "
              + length
              + " characters long as JSON, but ECR accepts "
              + MIN_TEXT_LENGTH
              + " to "
              + MAX_TEXT_LENGTH
              + ": "
              + (length < MIN_TEXT_LENGTH
                  ? "add a description to a rule"
                  : "shorten descriptions or combine rules"));
    }
  }

  /** "a and b", "a, b and c". */
  private static String and(List<LifecycleRule> rules, Function<LifecycleRule, String> name) {
    List<String> names = rules.stream().map(name).toList();
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " and "
            + names.get(names.size() - 1);
  }
}
