package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.PomRule.pom;
import static io.github.ecrdeploy.lifecycle.PomRule.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLinterTest {

  private static final String RULE = "<lifecyclePolicy><rules><rule>";
  private static final PomRule UNTAGGED = rule().tagStatus("untagged").olderThanDays(14);

  private static List<String> lint(PomRule... rules) throws InvalidLifecyclePolicyException {
    return PolicyLinter.lint(PolicyValidator.validate(pom(rules)), true);
  }

  @Test
  void severalPrefixesInOneRuleAreAnAnd() throws Exception {
    // The common hand-written policy: meant as "keep 5 of each", it selects only images carrying
    // all four tags.
    assertEquals(
        List.of(
            RULE
                + "[1]<tagPrefixes> has 4 entries [v, main, prod, latest], and ECR selects an image"
                + " for this rule only when it has a tag matching EVERY entry: images that match"
                + " only some of them are not selected, so this rule never counts, expires or keeps"
                + " them. If each prefix should be handled on its own, write one rule per prefix."),
        lint(rule().prefixes("v", "main", "prod", "latest").keepLast(5), UNTAGGED));
  }

  @Test
  void severalEntriesAreAnAndInPolicyFilesAndPatternsToo() throws Exception {
    List<String> warnings =
        PolicyLinter.lint(AwsExamples.policy(AwsExamples.MULTIPLE_TAGS_B), false);
    assertEquals(
        List.of(
            "rules[0].selection.tagPrefixList has 2 entries [alpha, beta], and ECR selects an image"
                + " for this rule only when it has a tag matching EVERY entry: images that match"
                + " only some of them are not selected, so this rule never counts, expires or keeps"
                + " them. If each prefix should be handled on its own, write one rule per prefix."),
        warnings);
    assertEquals(1, lint(rule().patterns("release-*", "*-final").keepLast(5), UNTAGGED).size());
  }

  @Test
  void oneRulePerPrefixIsFine() throws Exception {
    assertEquals(
        List.of(),
        lint(
            rule().prefixes("v").keepLast(5),
            rule().prefixes("main").keepLast(5),
            rule().patterns("prod*").keepLast(5),
            UNTAGGED));
  }

  @Test
  void ruleThatAnEarlierRuleOwnsCompletely() throws Exception {
    assertEquals(
        List.of(
            RULE
                + "[2] (priority 2) can never act: every image it selects is also selected by "
                + RULE
                + "[1] (priority 1), which comes first and so decides what happens to it. Remove"
                + " the rule, or give it a smaller priority number than 1 if it should decide"
                + " instead."),
        lint(
            rule().prefixes("v").keepLast(10), rule().prefixes("v1.").olderThanDays(30), UNTAGGED));
  }

  @Test
  void shadowingAcrossPrefixesAndPatterns() throws Exception {
    assertEquals(
        1,
        lint(rule().patterns("*prod*").keepLast(10), rule().prefixes("prod-").keepLast(3), UNTAGGED)
            .size());
    assertEquals(
        1,
        lint(
                rule().prefixes("prod").keepLast(10),
                rule().patterns("prod-*-x").keepLast(3),
                UNTAGGED)
            .size());
    // Every image with tags for both alpha and beta has an alpha tag: rule 2 is owned by rule 1.
    assertEquals(
        2,
        lint(
                rule().prefixes("alpha").keepLast(10),
                rule().prefixes("alpha", "beta").keepLast(3),
                UNTAGGED)
            .size());
  }

  @Test
  void noWarningWhenTheLaterRuleSelectsImagesTheEarlierOneDoesNot() throws Exception {
    assertEquals(
        List.of(),
        lint(rule().prefixes("v1.").keepLast(10), rule().prefixes("v").keepLast(3), UNTAGGED));
    assertEquals(
        List.of(),
        lint(rule().patterns("*-rc").keepLast(10), rule().patterns("v*").keepLast(3), UNTAGGED));
    // An image tagged only alpha-1 is selected by rule 2 but not by rule 1.
    assertEquals(
        1,
        lint(
                rule().prefixes("alpha", "beta").keepLast(10),
                rule().prefixes("alpha").keepLast(3),
                UNTAGGED)
            .size());
    // Different storage classes never own each other's images.
    assertEquals(
        List.of(),
        lint(
            rule().prefixes("v").olderThanDays(30).action("archive"),
            rule().prefixes("v1").archivedForDays(90),
            UNTAGGED));
  }

  @Test
  void untaggedImagesPileUpWhenTagsMove() throws Exception {
    String warning =
        "No rule selects untagged images, but tags move: when a tag such as latest is pushed again,"
            + " the image it pointed to stays in the repository untagged, and nothing in this"
            + " policy ever removes it. Add a rule for untagged images (tagStatus untagged), e.g."
            + " one that expires them 14 days after their push. Such a rule leaves the untagged"
            + " platform images of a multi-platform index alone: they go with their index.";
    LifecyclePolicy taggedOnly = PolicyValidator.validate(pom(rule().prefixes("v").keepLast(5)));
    assertEquals(List.of(warning), PolicyLinter.lint(taggedOnly, true));
    assertEquals(List.of(), PolicyLinter.lint(taggedOnly, false));
    assertEquals(List.of(), lint(rule().prefixes("v").keepLast(5), rule().keepLast(50)));
    // An untagged rule of the archive storage class does not clean up standard images.
    assertEquals(
        List.of(warning),
        lint(rule().prefixes("v").keepLast(5), rule().tagStatus("untagged").archivedForDays(90)));
  }

  @Test
  void prefixWithWildcardSelectsNothing() throws Exception {
    assertEquals(
        List.of(
            RULE
                + "[1]<tagPrefixes> has [release-*], but a prefix takes * literally and image tags"
                + " cannot contain *, so this rule selects no image: put wildcards in <tagPatterns>"
                + " instead"),
        lint(rule().prefixes("release-*").keepLast(5), UNTAGGED));
  }
}
