package io.github.ecrdeploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ecrdeploy.JsonReports;
import io.github.ecrdeploy.lifecycle.LifecycleReport;
import io.github.ecrdeploy.lifecycle.StorageCost;
import io.github.ecrdeploy.lifecycle.StoragePrices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release summary from the goals' reports. */
class ReleaseSummaryTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @Test
  void summarizesTheReportsOfOneRelease(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("image.json"), "{\"sizeBytes\": 50000000, \"cacheHitRatio\": 0.995}");
    Files.writeString(
        dir.resolve("push.json"),
        "{\"imageUri\": \"r.example/team/app@"
            + DIGEST
            + "\", \"digest\": \""
            + DIGEST
            + "\", \"repository\": \"team/app\", \"tagsMoved\": [\"1.0.0\", \"latest\"],"
            + " \"layersUploaded\": 1, \"layersSkipped\": 4, \"bytesUploaded\": 2000}");
    Files.writeString(
        dir.resolve("health.json"), "{\"result\": \"green\", \"timeToGreenMillis\": 8200}");
    StorageCost.Totals before = new StorageCost.Totals(42, 21L << 30, 0, 2.1);
    StorageCost.Totals after = new StorageCost.Totals(7, 1L << 30, 0, 0.1);
    StorageCost.Totals freed = new StorageCost.Totals(35, 20L << 30, 0, 2.0);
    JsonReports.write(
        dir.resolve("lifecycle.json"),
        new LifecycleReport(
            true,
            false,
            "{}",
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            List.of(),
            new StorageCost.StorageReport(
                before, after, freed, "USD", new StoragePrices(0.1, 0.1), List.of())));
    GoalTimes times = new GoalTimes(1, java.util.Map.of());
    for (String goal : List.of("build", "push", "lifecycle", "health")) {
      times = GoalTimes.record(dir, 1, goal, 1500);
    }

    ReleaseSummary summary = ReleaseSummary.collect("app", dir, times, 100_000_000L);
    summary.write(dir);

    String expected =
        """
        ### Release of `app`

        | | |
        |---|---|
        | image | `r.example/team/app@%s` |
        | digest | %s |
        | size | 50.0 MB of 100.0 MB allowed (50%%) |
        | layers | 4 reused, 1 uploaded (2.0 kB); build cache hit 99.5%% |
        | goals | build 1.5 s, push 1.5 s, lifecycle 1.5 s, health 1.5 s |
        | tags moved | 1.0.0, latest |
        | health | green after 8.2 s |
        | storage | 42 images, 21.00 GiB, $2.10/month -> 7 images, 1.00 GiB, $0.10/month \
        (-$2.00/month) |
        """
            .formatted(DIGEST, DIGEST);
    assertEquals(expected, Files.readString(dir.resolve("release.md")));
    assertEquals("Release of app: r.example/team/app@" + DIGEST, summary.lines().get(0));
    assertEquals(
        8200L,
        JsonReports.read(dir.resolve("release.json"), ReleaseSummary.class).timeToGreenMillis());

    Path step = dir.resolve("step-summary.md");
    Files.writeString(step, "earlier step\n");
    summary.appendTo(step);
    assertEquals("earlier step\n" + expected + "\n", Files.readString(step));
  }

  @Test
  void nothingPushedInThisBuildIsNoRelease(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("push.json"), "{\"digest\": \"" + DIGEST + "\"}");
    GoalTimes times = GoalTimes.record(dir, 2, "build", 100);
    assertNull(ReleaseSummary.collect("app", dir, times, null));
  }
}
