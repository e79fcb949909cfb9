package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.Images.NOW;
import static io.github.ecrdeploy.lifecycle.Images.image;
import static io.github.ecrdeploy.lifecycle.PomRule.pom;
import static io.github.ecrdeploy.lifecycle.PomRule.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTableTest {

  @Test
  void platformImagesAreListedUnderTheirIndex() throws Exception {
    String index = "sha256:" + "a".repeat(64);
    String amd64 = "sha256:" + "b".repeat(64);
    String arm64 = "sha256:" + "c".repeat(64);
    ImageIndexes indexes =
        new ImageIndexes(
            Map.of(
                index,
                ImageIndexes.platformImagesOf(
                    "{\"schemaVersion\":2,\"manifests\":["
                        + "{\"digest\":\""
                        + amd64
                        + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
                        + "{\"digest\":\""
                        + arm64
                        + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\","
                        + "\"variant\":\"v8\"}}]}")));
    List<ImageRecord> images =
        List.of(
            image(amd64.substring(7), 30),
            image(arm64.substring(7), 30),
            image(index.substring(7), 30, "1.0.0"),
            image("d".repeat(64), 1, "1.1.0"));
    Simulation simulation =
        LifecycleSimulator.simulate(
            PolicyValidator.validate(pom(rule().patterns("*").keepLast(1))), images, indexes, NOW);

    assertEquals(
        List.of(
            "Simulation: 3 image(s) would expire or be archived (2 of them platform images going"
                + " with their index), 1 stay",
            "  expire     sha256:aaaaaaaaaaaa 1.0.0                          pushed"
                + " 2026-05-02T12:00:00Z  <lifecyclePolicy><rules><rule>[1] (priority 1)",
            "  expire       └ sha256:bbbbbbbbbbbb linux/amd64, with its index sha256:aaaaaaaaaaaa",
            "  expire       └ sha256:cccccccccccc linux/arm64/v8, with its index"
                + " sha256:aaaaaaaaaaaa"),
        SimulationTable.lines(simulation));
  }
}
