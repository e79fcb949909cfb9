package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import io.github.ecrdeploy.RecordingLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PushProgressTest {
  private static final String DEPS =
      "sha256:aaaaaaaaaaaa1111111111111111111111111111111111111111111111111111";
  private static final String APP =
      "sha256:bbbbbbbbbbbb2222222222222222222222222222222222222222222222222222";
  private static final String PRESENT =
      "sha256:cccccccccccc3333333333333333333333333333333333333333333333333333";
  private static final long MB = 1_000_000;
  private static final List<ImageLayer> MISSING =
      List.of(
          new ImageLayer(LayerKind.DEPENDENCIES, DEPS, 40 * MB, false),
          new ImageLayer(LayerKind.APPLICATION, APP, 2_000, false));

  private final AtomicLong clock = new AtomicLong();
  private final RecordingLog log = new RecordingLog();
  private final Allocation root = Allocation.newRoot("pushing image", 3);

  private PushProgress progress(PushProgress.Mode mode) {
    return new PushProgress(mode, "team/orders", MISSING, log, clock::get);
  }

  private Allocation blob(String digest, long size) {
    return root.newChild("pushing blob " + digest, size);
  }

  private void after(Duration elapsed, PushProgress progress, Allocation blob, long bytes) {
    clock.addAndGet(elapsed.toNanos());
    progress.onProgress(new ProgressEvent(blob, bytes));
  }

  @Test
  void interactiveReportsBytesAndPercentAtMostEverySecondThenTheLayerDone() {
    PushProgress progress = progress(PushProgress.Mode.INTERACTIVE);
    Allocation deps = blob(DEPS, 40 * MB);

    after(Duration.ZERO, progress, deps, 4 * MB); // first event starts the clock of this layer
    after(Duration.ofMillis(600), progress, deps, 4 * MB); // 0.6 s: too soon
    after(Duration.ofMillis(500), progress, deps, 4 * MB); // 1.1 s: a line
    after(Duration.ofMillis(900), progress, deps, 8 * MB); // 0.9 s after that line: too soon
    after(Duration.ofMillis(200), progress, deps, 10 * MB); // 1.1 s: a line
    after(Duration.ofMillis(100), progress, deps, 10 * MB); // done

    assertEquals(
        List.of(
            "INFO team/orders: uploading layer dependencies sha256:aaaaaaaaaaaa 12.0 MB of 40.0 MB"
                + " (30%)",
            "INFO team/orders: uploading layer dependencies sha256:aaaaaaaaaaaa 30.0 MB of 40.0 MB"
                + " (75%)",
            "INFO team/orders: uploaded layer dependencies sha256:aaaaaaaaaaaa (40.0 MB)"),
        log.lines());
  }

  @Test
  void batchSaysOneLinePerUploadedLayerWhenItIsDone() {
    PushProgress progress = progress(PushProgress.Mode.BATCH);
    Allocation deps = blob(DEPS, 40 * MB);
    Allocation app = blob(APP, 2_000);

    for (int second = 0; second < 20; second++) {
      after(Duration.ofSeconds(1), progress, deps, 2 * MB);
    }
    after(Duration.ofMillis(10), progress, app, 2_000);
    after(
        Duration.ofMillis(10),
        progress,
        blob(PRESENT, 5 * MB),
        5 * MB); // the registry had it: not reported

    assertEquals(
        List.of(
            "INFO team/orders: uploaded layer dependencies sha256:aaaaaaaaaaaa (40.0 MB)",
            "INFO team/orders: uploaded layer application sha256:bbbbbbbbbbbb (2.0 kB)"),
        log.lines());
  }

  @Test
  void aLayerSentAgainByARetryIsReportedDoneOnce() {
    PushProgress progress = progress(PushProgress.Mode.INTERACTIVE);
    after(Duration.ZERO, progress, blob(APP, 2_000), 2_000);
    Allocation retried = blob(APP, 2_000);
    after(Duration.ofSeconds(5), progress, retried, 1_000);
    after(Duration.ofSeconds(5), progress, retried, 1_000);

    assertEquals(
        List.of("INFO team/orders: uploaded layer application sha256:bbbbbbbbbbbb (2.0 kB)"),
        log.lines());
  }

  @Test
  void quietSaysNothing() {
    PushProgress progress = progress(PushProgress.Mode.QUIET);
    Allocation deps = blob(DEPS, 40 * MB);
    for (int second = 0; second < 20; second++) {
      after(Duration.ofSeconds(1), progress, deps, 2 * MB);
    }
    assertEquals(List.of(), log.lines());
  }

  @Test
  void otherAllocationsAreIgnored() {
    PushProgress progress = progress(PushProgress.Mode.INTERACTIVE);
    Allocation pull = root.newChild("pulling base image layer " + DEPS, 40 * MB);
    after(Duration.ofSeconds(2), progress, pull, 40 * MB);
    assertEquals(List.of(), log.lines());
  }
}
