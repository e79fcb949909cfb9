package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.PomRule.pom;
import static io.github.ecrdeploy.lifecycle.PomRule.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyValidator} on {@code <lifecyclePolicy><rules>}: every constraint, with its message.
 */
class PomPolicyValidationTest {

  private static final String RULE = "<lifecyclePolicy><rules><rule>";

  private static List<String> problems(LifecyclePolicyConfig config) {
    return assertThrows(
            InvalidLifecyclePolicyException.class, () -> PolicyValidator.validate(config))
        .problems();
  }

  @Test
  void acceptsTheIssueExampleAndFillsInDefaults() throws Exception {
    LifecyclePolicyConfig config =
        pom(
            rule().description("Keep the last 5 release images").prefixes("v").keepLast(5),
            rule().tagStatus("untagged").olderThanDays(14),
            rule().keepLast(100));

    LifecyclePolicy policy = PolicyValidator.validate(config);

    assertEquals("<lifecyclePolicy>", policy.source());
    assertEquals(
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep the last 5 release"
            + " images\",\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},"
            + "\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
            + "\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":3,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
            + "\"countNumber\":100},\"action\":{\"type\":\"expire\"}}]}",
        PolicyJson.render(policy));
  }

  @Test
  void anyRulesWithoutPriorityGoAfterAllOthers() throws Exception {
    LifecyclePolicy policy =
        PolicyValidator.validate(
            pom(
                rule().keepLast(50),
                rule().prefixes("v").keepLast(5),
                rule().priority(7).prefixes("release-").keepLast(3),
                rule().tagStatus("UNTAGGED").olderThanDays(7)));

    List<String> order =
        policy.rules().stream().map(r -> r.priority() + ":" + r.location().rule()).toList();
    assertEquals(
        List.of("2:" + RULE + "[2]", "4:" + RULE + "[4]", "7:" + RULE + "[3]", "8:" + RULE + "[1]"),
        order);
  }

  @Test
  void archiveElementsBecomeTransitionAndArchiveStorageClass() throws Exception {
    LifecyclePolicy policy =
        PolicyValidator.validate(
            pom(
                rule().olderThanDays(30).action("archive"),
                rule().notPulledForDays(90).prefixes("feature-").action("archive"),
                rule().archivedForDays(365)));

    assertEquals(
        "{\"rules\":["
            + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"feature-\"],"
            + "\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":90},"
            + "\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},"
            + "{\"rulePriority\":3,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\","
            + "\"countUnit\":\"days\",\"countNumber\":30},"
            + "\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},"
            + "{\"rulePriority\":4,\"selection\":{\"tagStatus\":\"any\",\"storageClass\":\"archive\","
            + "\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":365},"
            + "\"action\":{\"type\":\"expire\"}}]}",
        PolicyJson.render(policy));
  }

  @Test
  void countNumberMustBePositive() {
    assertEquals(
        List.of(
            RULE
                + "[2]<keepLast> must be >= 1 (it is 0): ECR accepts only positive numbers here;"
                + " use 1 or more"),
        problems(pom(rule().prefixes("v").keepLast(5), rule().keepLast(0))));
    assertEquals(
        List.of(
            RULE
                + "[1]<olderThanDays> must be >= 1 (it is -3): ECR accepts only positive numbers"
                + " here; use 1 or more"),
        problems(pom(rule().olderThanDays(-3))));
  }

  @Test
  void priorityMustBeAtLeastOne() {
    assertEquals(
        List.of(
            RULE
                + "[1]<priority> must be >= 1 (it is 0): priority 1 is applied first; use 1 or"
                + " more"),
        problems(pom(rule().priority(0).prefixes("v").keepLast(5), rule().keepLast(9))));
  }

  @Test
  void prioritiesMustBeUnique() {
    assertEquals(
        List.of(
            RULE
                + "[1]<priority> and "
                + RULE
                + "[2]<priority> (not set, so defaulted) have the same priority, 2: ECR needs a"
                + " unique priority per rule; give each rule its own <priority>"),
        problems(
            pom(
                rule().priority(2).prefixes("v").keepLast(5),
                rule().tagStatus("untagged").keepLast(1))));
  }

  @Test
  void anyRuleMustComeLastInItsStorageClass() {
    assertEquals(
        List.of(
            RULE
                + "[1] has <tagStatus>any</tagStatus>, so ECR applies it after every other rule of"
                + " the standard storage class, but "
                + RULE
                + "[2] (priority 5) comes later: give "
                + RULE
                + "[1]<priority> a number above 5"),
        problems(
            pom(rule().priority(1).keepLast(10), rule().priority(5).prefixes("v").keepLast(5))));
  }

  @Test
  void twoAnyRulesInOneStorageClassAreRejected() {
    assertEquals(
        List.of(
            RULE
                + "[1] has <tagStatus>any</tagStatus>, so ECR applies it after every other rule of"
                + " the standard storage class, but "
                + RULE
                + "[2] (priority 2) comes later: give "
                + RULE
                + "[1]<priority> (not set, so defaulted) a number above 2"),
        problems(pom(rule().keepLast(10), rule().olderThanDays(30))));
  }

  @Test
  void anyRuleIsLastPerStorageClassOnly() throws Exception {
    // The guide's archive example: an any rule for each storage class, the standard one first.
    LifecyclePolicy policy =
        PolicyValidator.validate(
            pom(
                rule().priority(1).olderThanDays(30).action("archive"),
                rule().priority(2).archivedForDays(365)));
    assertEquals(2, policy.rules().size());
  }

  @Test
  void oneUntaggedRulePerStorageClass() {
    assertEquals(
        List.of(
            RULE
                + "[1] and "
                + RULE
                + "[2] each select untagged images of the standard storage"
                + " class, but ECR allows only one such rule per storage class: merge them"),
        problems(
            pom(
                rule().tagStatus("untagged").keepLast(1),
                rule().tagStatus("untagged").olderThanDays(3))));
  }

  @Test
  void taggedNeedsPrefixesOrPatterns() {
    assertEquals(
        List.of(
            RULE
                + "[1] has <tagStatus>tagged</tagStatus> but neither <tagPrefixes> nor"
                + " <tagPatterns>: add one to say which tags it selects, or use"
                + " <tagStatus>any</tagStatus> to select every image"),
        problems(pom(rule().tagStatus("tagged").keepLast(5))));
  }

  @Test
  void tagListsOnlyWithTagged() {
    assertEquals(
        List.of(
            RULE
                + "[1]<tagPrefixes> only works with <tagStatus>tagged</tagStatus>, but the rule has"
                + " <tagStatus>untagged</tagStatus>: remove the list, or set"
                + " <tagStatus>tagged</tagStatus>",
            RULE
                + "[2]<tagPatterns> only works with <tagStatus>tagged</tagStatus>, but the rule has"
                + " <tagStatus>any</tagStatus>: remove the list, or set"
                + " <tagStatus>tagged</tagStatus>"),
        problems(
            pom(
                rule().tagStatus("untagged").prefixes("v").keepLast(1),
                rule().tagStatus("any").patterns("v*").keepLast(1))));
  }

  @Test
  void neverBothTagLists() {
    assertEquals(
        List.of(
            RULE
                + "[1] has both <tagPrefixes> and <tagPatterns>, but ECR allows only one of them"
                + " per rule: keep one, or split the rule in two"),
        problems(pom(rule().prefixes("v").patterns("release-*").keepLast(5))));
  }

  @Test
  void atMostFourWildcardsPerPattern() throws Exception {
    // The guide's examples: "*test*1*2*3" and "test*1*2*3*" are valid, "test*1*2*3*4*5*6" is not.
    PolicyValidator.validate(
        pom(
            rule().patterns("*test*1*2*3").keepLast(5),
            rule().patterns("test*1*2*3*").keepLast(5)));
    assertEquals(
        List.of(
            RULE
                + "[1]<tagPatterns> has \"test*1*2*3*4*5*6\" with 6 wildcards (*), but ECR allows"
                + " at most 4 per pattern: use fewer"),
        problems(pom(rule().patterns("release-*", "test*1*2*3*4*5*6").keepLast(5))));
  }

  @Test
  void exactlyOneCount() {
    assertEquals(
        List.of(
            RULE
                + "[1] says neither how many images to keep nor after how many days to act: set"
                + " exactly one of <keepLast>, <olderThanDays>, <notPulledForDays> or"
                + " <archivedForDays>",
            RULE
                + "[2] sets <keepLast> and <olderThanDays>: set exactly one of them (a rule counts"
                + " one way; write one rule per count)"),
        problems(pom(rule().prefixes("v"), rule().keepLast(5).olderThanDays(30))));
  }

  @Test
  void notPulledForDaysOnlyArchives() {
    assertEquals(
        List.of(
            RULE
                + "[1]: <notPulledForDays> can only archive images, ECR does not expire by pull"
                + " time: set <action>archive</action> (to delete them later, add an archive"
                + " storage class rule with <archivedForDays>)"),
        problems(pom(rule().notPulledForDays(90))));
  }

  @Test
  void archivedForDaysOnlyExpiresArchivedImagesAfterNinetyDays() {
    assertEquals(
        List.of(
            RULE
                + "[1]<archivedForDays> must be >= 90 (it is 30): archived images have a 90-day"
                + " minimum storage duration, and ECR refuses rules that delete them sooner; use 90"
                + " or more",
            RULE
                + "[2]: <archivedForDays> deletes images from the archive, so it needs"
                + " <action>expire</action>",
            RULE
                + "[3]: <archivedForDays> selects archived images, so ECR needs"
                + " <storageClass>archive</storageClass>"),
        problems(
            pom(
                rule().priority(1).prefixes("u").archivedForDays(30),
                rule().priority(2).prefixes("v").archivedForDays(100).action("archive"),
                rule().priority(3).prefixes("w").archivedForDays(100).storageClass("standard"))));
  }

  @Test
  void archiveStorageClassOnlyWithArchivedForDays() {
    assertEquals(
        List.of(
            RULE
                + "[1]<storageClass> is archive, which ECR allows only with <archivedForDays>"
                + " (archived images are only expired some days after they were archived): use that"
                + " count, or select the standard storage class"),
        problems(pom(rule().storageClass("archive").keepLast(5))));
  }

  @Test
  void unknownValuesNameTheElementAndTheChoices() {
    assertEquals(
        List.of(
            RULE
                + "[1]<tagStatus> is \"taged\": use tagged, untagged or any (or leave it out:"
                + " tagged when tag prefixes or patterns are given, else any)",
            RULE
                + "[2]<action> is \"delete\": use expire (delete the images) or archive (move them"
                + " to the archive storage class)",
            RULE
                + "[3]<storageClass> is \"cold\": use standard or archive (or leave it out: archive"
                + " with <archivedForDays>, else standard)"),
        problems(
            pom(
                rule().tagStatus("taged").keepLast(1),
                rule().prefixes("v").keepLast(1).action("delete"),
                rule().prefixes("w").keepLast(1).storageClass("cold"))));
  }

  @Test
  void blankEntriesAreRejected() {
    LifecyclePolicyConfig config = pom(rule().prefixes("v", " ").keepLast(5));
    config.setProtectedTags(Arrays.asList("latest", null));
    assertEquals(
        List.of(
            RULE + "[1]<tagPrefixes><tagPrefix>[2] is empty: remove it or fill it in",
            "<lifecyclePolicy><protectedTags><tag>[2] is empty: remove it or fill it in"),
        problems(config));
  }

  @Test
  void sameTagPrefixSetTwiceInAStorageClass() {
    assertEquals(
        List.of(
            RULE
                + "[1] and "
                + RULE
                + "[2] select the same tag prefixes [v, main] in the standard storage class, but"
                + " ECR requires a unique set of prefixes per storage class: merge them into one"
                + " rule"),
        problems(
            pom(
                rule().prefixes("v", "main").keepLast(5),
                rule().prefixes("main", "v").olderThanDays(90))));
  }

  @Test
  void atMostFiftyRules() {
    List<PomRule> rules = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      rules.add(rule().prefixes("p" + i).keepLast(1));
    }
    assertEquals(
        List.of(
            "<lifecyclePolicy><rules> has 51 rules, but ECR allows at most 50 per policy: combine"
                + " rules"),
        problems(pom(rules.toArray(PomRule[]::new))));
  }

  @Test
  void policyTextAtMost30720Characters() {
    String longText = "x".repeat(1000);
    List<PomRule> rules = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      rules.add(rule().description(longText).prefixes("p" + i).keepLast(1));
    }
    List<String> problems = problems(pom(rules.toArray(PomRule[]::new)));
    assertEquals(1, problems.size());
    assertEquals(
        true,
        problems
            .get(0)
            .matches(
                "The policy is 3\\d{4} characters long as JSON, but ECR accepts 100"
                    + " to 30720: shorten descriptions or combine rules"),
        problems.get(0));
  }

  @Test
  void rulesOrPolicyFileButNotBoth() {
    LifecyclePolicyConfig both = pom(rule().keepLast(5));
    both.setPolicyFile(new File("policy.json"));
    assertEquals(
        List.of("<lifecyclePolicy> has both <rules> and <policyFile>: keep one of them"),
        problems(both));
    assertEquals(
        List.of(
            "<lifecyclePolicy> declares no rule: add <rules><rule>...</rule></rules>, or point"
                + " <policyFile> at a policy JSON file"),
        problems(new LifecyclePolicyConfig()));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    InvalidLifecyclePolicyException e =
        assertThrows(
            InvalidLifecyclePolicyException.class,
            () ->
                PolicyValidator.validate(
                    pom(
                        rule().keepLast(0),
                        rule().tagStatus("tagged").olderThanDays(5),
                        rule().tagStatus("bogus").keepLast(1),
                        rule().prefixes("v").patterns("w*").keepLast(1))));
    assertEquals(4, e.problems().size(), e.getMessage());
    assertEquals("<lifecyclePolicy>", e.source());
    assertEquals(
        true, e.getMessage().startsWith("Invalid lifecycle policy in <lifecyclePolicy>:\n  - "));
  }
}
