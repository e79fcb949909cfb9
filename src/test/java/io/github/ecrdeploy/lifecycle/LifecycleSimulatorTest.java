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
}
