package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.Images.NOW;
import static io.github.ecrdeploy.lifecycle.Images.archived;
import static io.github.ecrdeploy.lifecycle.Images.image;
import static io.github.ecrdeploy.lifecycle.Images.names;
import static io.github.ecrdeploy.lifecycle.Images.pulled;
import static io.github.ecrdeploy.lifecycle.PomRule.pom;
import static io.github.ecrdeploy.lifecycle.PomRule.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LifecycleSimulator} on the worked examples of the ECR user guide and the edge cases they
 * leave open.
 */
class LifecycleSimulatorTest {

  private static Simulation simulate(String policyJson, ImageRecord... images) throws Exception {
    return LifecycleSimulator.simulate(AwsExamples.policy(policyJson), List.of(images), NOW);
  }

  private static List<String> expired(String policyJson, ImageRecord... images) throws Exception {
    return names(simulate(policyJson, images), ImageAction.EXPIRE);
  }

  @Test
  void filteringOnImageAge() throws Exception {
    assertEquals(
        List.of("old"),
        expired(
            AwsExamples.UNTAGGED_OLDER_THAN_14_DAYS,
            image("old", 15),
            image("exactly14", 14),
            image("young", 3),
            image("tagged", 30, "v1")));
  }

  @Test
  void filteringOnImageCount() throws Exception {
    assertEquals(
        List.of("a", "b"),
        expired(
            AwsExamples.KEEP_ONE_UNTAGGED,
            image("a", 3),
            image("b", 2),
            image("c", 1),
            image("tagged", 9, "v1")));
  }

  @Test
  void multipleRulesExampleA() throws Exception {
    Simulation simulation =
        simulate(
            AwsExamples.MULTIPLE_RULES_A,
            image("a", 10, "beta-1", "prod-1"),
            image("b", 9, "beta-2", "prod-2"),
            image("c", 8, "beta-3"));

    assertEquals(List.of("a"), names(simulation, ImageAction.EXPIRE));
    // Rule 2 marks A and B too, but both belong to rule 1, which keeps B.
    List<Integer> deciding =
        simulation.images().stream().map(i -> i.decidingRule().priority()).toList();
    assertEquals(List.of(2, 1, 1), deciding);
  }

  @Test
  void multipleRulesExampleB() throws Exception {
    assertEquals(
        List.of("a", "b"),
        expired(
            AwsExamples.MULTIPLE_RULES_B,
            image("a", 10, "beta-1", "prod-1"),
            image("b", 9, "beta-2", "prod-2"),
            image("c", 8, "beta-3")));
  }

  @Test
  void multipleTagsInOneRuleExampleA() throws Exception {
    assertEquals(
        List.of("c"),
        expired(
            AwsExamples.MULTIPLE_TAGS_A,
            image("a", 12, "alpha-1"),
            image("b", 11, "beta-1"),
            image("c", 10, "alpha-2", "beta-2"),
            image("d", 4, "alpha-3"),
            image("e", 3, "beta-3"),
            image("f", 2, "alpha-4", "beta-4")));
  }

  @Test
  void multipleTagsInOneRuleExampleB() throws Exception {
    assertEquals(
        List.of("a", "b"),
        expired(
            AwsExamples.MULTIPLE_TAGS_B,
            image("a", 10, "alpha-1", "beta-1", "gamma-1"),
            image("b", 9, "alpha-2", "beta-2"),
            image("c", 8, "alpha-3", "beta-3", "gamma-2")));
  }

  @Test
  void allImagesExampleA() throws Exception {
    assertEquals(
        List.of("a", "b", "c"),
        expired(
            AwsExamples.ALL_IMAGES_A,
            image("a", 4, "alpha-1"),
            image("b", 3, "beta-1"),
            image("c", 2),
            image("d", 1, "alpha-2")));
  }

  @Test
  void allImagesExampleBCountsOwnedImagesTowardLaterRules() throws Exception {
    // Rule 3 (any, keep 1) sees A..E; E, owned by the untagged rule, is the one it keeps, so D
    // expires.
    // D and E were both pushed a day ago: with equal times the greater digest (e) counts as newer.
    Simulation simulation =
        simulate(
            AwsExamples.ALL_IMAGES_B,
            image("a", 4, "alpha-1", "beta-1"),
            image("b", 3),
            image("c", 2, "alpha-2"),
            image("d", 1, "git hash"),
            image("e", 1));

    assertEquals(List.of("a", "b", "d"), names(simulation, ImageAction.EXPIRE));
    assertEquals(2, simulation.remaining());
  }

  @Test
  void equalPushTimesAreOrderedByDigestWhateverTheInputOrder() throws Exception {
    String keepOne = AwsExamples.ALL_IMAGES_A;
    assertEquals(List.of("x"), expired(keepOne, image("x", 2), image("y", 2)));
    assertEquals(List.of("x"), expired(keepOne, image("y", 2), image("x", 2)));
    // Example B with the tie the other way round: the "git hash" image (f) now counts as newer than
    // the untagged
    // one (e), so rule 3 keeps it and the untagged image stays with its owner, rule 2.
    assertEquals(
        List.of("a", "b"),
        expired(
            AwsExamples.ALL_IMAGES_B,
            image("e", 1),
            image("a", 4, "alpha-1", "beta-1"),
            image("b", 3),
            image("c", 2, "alpha-2"),
            image("f", 1, "git hash")));
  }

  @Test
  void resultIsNewestFirst() throws Exception {
    Simulation simulation =
        simulate(AwsExamples.ALL_IMAGES_A, image("x", 5), image("z", 1), image("y", 1));
    assertEquals(
        List.of("sha256:z", "sha256:y", "sha256:x"),
        simulation.images().stream().map(i -> i.image().digest()).toList());
  }

  @Test
  void expiresWholeImagesWithAllTheirTags() throws Exception {
    LifecyclePolicy policy = PolicyValidator.validate(pom(rule().prefixes("build-").keepLast(1)));
    Simulation simulation =
        LifecycleSimulator.simulate(
            policy,
            List.of(image("release", 5, "v1.0", "build-7"), image("next", 1, "build-8")),
            NOW);

    SimulatedImage release = simulation.withAction(ImageAction.EXPIRE).get(0);
    assertEquals(List.of("v1.0", "build-7"), release.image().tags());
    assertEquals(1, simulation.remaining());
  }

  @Test
  void archivesAndExpiresFromTheArchive() throws Exception {
    Simulation simulation =
        simulate(
            AwsExamples.ARCHIVE_THEN_EXPIRE,
            image("s-old", 40, "v1"),
            image("s-new", 10),
            archived("a-old", 500, 400),
            archived("a-new", 300, 100),
            archived("a-unknown", 300, null));

    assertEquals(List.of("s-old"), names(simulation, ImageAction.TRANSITION));
    assertEquals(List.of("a-old"), names(simulation, ImageAction.EXPIRE));
    assertEquals(List.of("a-new", "a-unknown", "s-new"), names(simulation, ImageAction.NONE));
    assertEquals(4, simulation.remaining());
    assertEquals(1, simulation.remaining(StorageClass.STANDARD));
    assertEquals(3, simulation.remaining(StorageClass.ARCHIVE));
  }

  @Test
  void notPulledUsesPullTimeElsePushTimeAndRestoreResets() throws Exception {
    Simulation simulation =
        simulate(
            AwsExamples.ARCHIVE_NOT_PULLED_90_DAYS,
            pulled("never", 200, null, null),
            pulled("recent", 200, 10, null),
            pulled("stale", 200, 150, null),
            pulled("restored", 200, 150, 5),
            pulled("young", 30, null, null));

    assertEquals(List.of("never", "stale"), names(simulation, ImageAction.TRANSITION));
  }

  @Test
  void pushAgeOfARestoredImageCountsFromItsRestore() throws Exception {
    LifecyclePolicy policy = PolicyValidator.validate(pom(rule().olderThanDays(30)));
    Simulation simulation =
        LifecycleSimulator.simulate(
            policy,
            List.of(pulled("restored", 100, null, 2), pulled("plain", 100, null, null)),
            NOW);
    assertEquals(List.of("plain"), names(simulation, ImageAction.EXPIRE));
  }

  @Test
  void imageNoRuleSelectsHasNoDecidingRule() throws Exception {
    Simulation simulation = simulate(AwsExamples.KEEP_ONE_UNTAGGED, image("tagged", 100, "v1"));
    assertEquals(ImageAction.NONE, simulation.images().get(0).action());
    assertNull(simulation.images().get(0).decidingRule());
  }

  @Test
  void rejectsTheSameDigestTwice() {
    assertThrows(
        IllegalArgumentException.class,
        () -> simulate(AwsExamples.ALL_IMAGES_A, image("x", 2), image("x", 1, "v1")));
  }

  /** Two releases, each an index over two untagged platform images, and an untagged orphan. */
  private static final ImageIndexes TWO_RELEASES =
      new ImageIndexes(
          java.util.Map.of(
              "sha256:r1",
              List.of(
                  new PlatformImage("sha256:r1-amd64", "linux/amd64"),
                  new PlatformImage("sha256:r1-arm64", "linux/arm64")),
              "sha256:r2",
              List.of(
                  new PlatformImage("sha256:r2-amd64", "linux/amd64"),
                  new PlatformImage("sha256:r2-arm64", "linux/arm64"))));

  private static List<ImageRecord> twoReleasesAndAnOrphan() {
    return List.of(
        image("r1-amd64", 40),
        image("r1-arm64", 40),
        image("r1", 40, "1.0.0"),
        image("orphan", 30),
        image("r2-amd64", 20),
        image("r2-arm64", 20),
        image("r2", 20, "1.1.0"));
  }

  @Test
  void platformImagesGoWithTheirIndexAndAreNotSelectedOnTheirOwn() throws Exception {
    LifecyclePolicy policy =
        PolicyValidator.validate(
            pom(rule().patterns("*").keepLast(1), rule().tagStatus("untagged").olderThanDays(14)));
    Simulation simulation =
        LifecycleSimulator.simulate(policy, twoReleasesAndAnOrphan(), TWO_RELEASES, NOW);

    assertEquals(
        List.of("orphan", "r1", "r1-amd64", "r1-arm64"), names(simulation, ImageAction.EXPIRE));
    assertEquals(
        List.of("r2", "r2-amd64", "r2-arm64"),
        names(simulation, ImageAction.NONE),
        "the untagged platform images of 1.1.0 are older than 14 days, but stay with their index");
    assertEquals(
        List.of(
            "sha256:r2",
            "sha256:r2-amd64",
            "sha256:r2-arm64",
            "sha256:orphan",
            "sha256:r1",
            "sha256:r1-amd64",
            "sha256:r1-arm64"),
        simulation.images().stream().map(s -> s.image().digest()).toList(),
        "newest first, each index followed by its platform images");
    SimulatedImage r1amd64 = simulation.images().get(5);
    assertEquals("sha256:r1", r1amd64.index());
    assertEquals("linux/amd64", r1amd64.platform());
    assertEquals(1, r1amd64.decidingRule().priority(), "the rule that expires the index");
    assertEquals(3, simulation.remaining());
  }

  @Test
  void platformImagesAreNotCountedByAnUntaggedCountRule() throws Exception {
    LifecyclePolicy policy =
        PolicyValidator.validate(
            pom(rule().patterns("*").keepLast(5), rule().tagStatus("untagged").keepLast(1)));
    Simulation simulation =
        LifecycleSimulator.simulate(policy, twoReleasesAndAnOrphan(), TWO_RELEASES, NOW);
    assertEquals(
        List.of(),
        names(simulation, ImageAction.EXPIRE),
        "the orphan is the only untagged image ranked: the newest 1 stays");
    assertEquals(
        List.of("orphan", "r1-amd64", "r1-arm64", "r2-amd64"),
        names(
            LifecycleSimulator.simulate(policy, twoReleasesAndAnOrphan(), NOW), ImageAction.EXPIRE),
        "without the indexes, every platform image would be ranked as an untagged image");
  }

  @Test
  void aPlatformImageOfTwoIndexesGoesOnlyWithBoth() throws Exception {
    ImageIndexes shared =
        new ImageIndexes(
            java.util.Map.of(
                "sha256:old", List.of(new PlatformImage("sha256:base", null)),
                "sha256:new", List.of(new PlatformImage("sha256:base", null))));
    List<ImageRecord> images =
        List.of(image("base", 50), image("old", 50, "1.0.0"), image("new", 10, "1.1.0"));
    LifecyclePolicy keepOne = PolicyValidator.validate(pom(rule().patterns("*").keepLast(1)));
    assertEquals(
        List.of("old"),
        names(LifecycleSimulator.simulate(keepOne, images, shared, NOW), ImageAction.EXPIRE));
    LifecyclePolicy archiveOld =
        PolicyValidator.validate(
            pom(
                rule().patterns("1.0.*").olderThanDays(30).action("archive"),
                rule().patterns("*").keepLast(1)));
    Simulation archived = LifecycleSimulator.simulate(archiveOld, images, shared, NOW);
    assertEquals(List.of("old"), names(archived, ImageAction.TRANSITION));
    assertEquals(List.of("base", "new"), names(archived, ImageAction.NONE));
  }

  @Test
  void aPlatformImageOfAnArchivedIndexIsArchivedWithIt() throws Exception {
    ImageIndexes one =
        new ImageIndexes(
            java.util.Map.of("sha256:idx", List.of(new PlatformImage("sha256:child", null))));
    LifecyclePolicy archive =
        PolicyValidator.validate(pom(rule().patterns("*").olderThanDays(30).action("archive")));
    Simulation simulation =
        LifecycleSimulator.simulate(
            archive, List.of(image("idx", 40, "1.0.0"), image("child", 40)), one, NOW);
    assertEquals(List.of("child", "idx"), names(simulation, ImageAction.TRANSITION));
  }
}
