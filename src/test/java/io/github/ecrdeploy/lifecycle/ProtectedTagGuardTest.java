package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.Images.NOW;
import static io.github.ecrdeploy.lifecycle.Images.image;
import static io.github.ecrdeploy.lifecycle.PomRule.pom;
import static io.github.ecrdeploy.lifecycle.PomRule.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectedTagGuardTest {

  private static final List<ImageRecord> IMAGES =
      List.of(
          image("prod", 5, "prod", "build-7"),
          image("latest", 1, "latest", "build-8"),
          image("old", 9, "build-6"));

  private static List<ProtectedImageAtRisk> atRisk(List<String> protectedTags, PomRule... rules)
      throws Exception {
    Simulation simulation =
        LifecycleSimulator.simulate(PolicyValidator.validate(pom(rules)), IMAGES, NOW);
    return ProtectedTagGuard.imagesAtRisk(simulation, protectedTags);
  }

  @Test
  void findsProtectedImagesThatAnotherTagExpires() throws Exception {
    List<ProtectedImageAtRisk> atRisk =
        atRisk(List.of("latest", "prod"), rule().prefixes("build-").keepLast(1));

    assertEquals(1, atRisk.size());
    assertEquals(List.of("prod"), atRisk.get(0).protectedTags());
    assertEquals(
        "Image sha256:prod (tags prod, build-7) carries the protected tag prod, but"
            + " <lifecyclePolicy><rules><rule>[1] (priority 1) would delete it. ECR acts on whole"
            + " images, so add a rule with a smaller priority number that selects the tag and keeps"
            + " it, e.g. tag pattern \"prod\" (no wildcard: exactly that tag) with a large image"
            + " count to keep.",
        atRisk.get(0).message());
  }

  @Test
  void archivingCountsToo() throws Exception {
    List<ProtectedImageAtRisk> atRisk =
        atRisk(List.of("prod", "build-7"), rule().olderThanDays(3).action("archive"));
    assertEquals(List.of("prod", "build-7"), atRisk.get(0).protectedTags());
    assertEquals(ImageAction.TRANSITION, atRisk.get(0).image().action());
    assertEquals(
        true,
        atRisk
            .get(0)
            .message()
            .contains(
                "carries the protected tags prod, build-7, but"
                    + " <lifecyclePolicy><rules><rule>[1] (priority 1) would archive it."),
        atRisk.get(0).message());
  }

  @Test
  void aHigherPriorityRuleForTheTagProtectsIt() throws Exception {
    assertEquals(
        List.of(),
        atRisk(
            List.of("latest", "prod"),
            rule().patterns("prod").keepLast(9999),
            rule().prefixes("build-").keepLast(1)));
  }

  @Test
  void unprotectedImagesMayGo() throws Exception {
    assertEquals(List.of(), atRisk(List.of("v1"), rule().prefixes("build-").keepLast(1)));
  }

  @Test
  void aProtectedPlatformImageIsAtRiskWhenItsIndexGoes() throws Exception {
    ImageIndexes indexes =
        new ImageIndexes(
            java.util.Map.of(
                "sha256:idx", List.of(new PlatformImage("sha256:amd64", "linux/amd64"))));
    List<ImageRecord> images =
        List.of(image("idx", 9, "build-6"), image("amd64", 9, "prod"), image("new", 1, "build-7"));
    Simulation simulation =
        LifecycleSimulator.simulate(
            PolicyValidator.validate(pom(rule().prefixes("build-").keepLast(1))),
            images,
            indexes,
            NOW);

    List<ProtectedImageAtRisk> atRisk = ProtectedTagGuard.imagesAtRisk(simulation, List.of("prod"));
    assertEquals(1, atRisk.size());
    assertEquals(
        "Image sha256:amd64 (tags prod) carries the protected tag prod, but it is a platform image"
            + " of the index sha256:idx, and <lifecyclePolicy><rules><rule>[1] (priority 1) would"
            + " delete that index; ECR deletes a platform image with its index. Keep the index: add"
            + " a rule with a smaller priority number that selects one of the index's tags and"
            + " keeps it.",
        atRisk.get(0).message());
  }
}
