package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import io.github.ecrdeploy.Log;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reports the upload of each layer of a push from Jib's progress events (one allocation per blob,
 * {@code pushing blob <digest>}, counted in bytes). Interactive builds get a line per layer at most
 * every second with bytes and percent, and one when the layer is done; batch builds ({@code -B})
 * only the line when a layer is done; quiet builds ({@code -q}) nothing. Only the layers given are
 * reported (the ones the repository lacked): Jib also completes the blobs the registry already has.
 * A layer is reported done once, even when a retried push sends it again.
 */
public final class PushProgress {
  /** How much to say. */
  public enum Mode {
    /** Throttled progress lines per layer, then a line when it is done. */
    INTERACTIVE,
    /** One line per layer, when it is done (batch mode, CI logs). */
    BATCH,
    /** Nothing. */
    QUIET
  }

  static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final String PUSHING_BLOB = "pushing blob ";

  private final Mode mode;
  private final String repository;
  private final Map<String, String> kinds = new HashMap<>();
  private final Log log;
  private final LongSupplier nanoTime;
  private final Map<Allocation, long[]> uploads = new IdentityHashMap<>();
  private final Set<String> done = new HashSet<>();

  /**
   * @param repository named in each line (modules of a {@code -T} build push at the same time)
   * @param layers the layers to report, those the repository does not have
   */
  public PushProgress(Mode mode, String repository, List<ImageLayer> layers, Log log) {
    this(mode, repository, layers, log, System::nanoTime);
  }

  PushProgress(
      Mode mode, String repository, List<ImageLayer> layers, Log log, LongSupplier nanoTime) {
    this.mode = mode;
    this.repository = repository;
    layers.forEach(layer -> kinds.put(layer.digest(), layer.label()));
    this.log = log;
    this.nanoTime = nanoTime;
  }

  /** Handles one of Jib's progress events; called from Jib's threads. */
  public synchronized void onProgress(ProgressEvent event) {
    Allocation allocation = event.getAllocation();
    String description = allocation.getDescription();
    if (mode == Mode.QUIET || !description.startsWith(PUSHING_BLOB)) {
      return;
    }
    String digest = description.substring(PUSHING_BLOB.length()).trim();
    String kind = kinds.get(digest);
    if (kind == null || done.contains(digest)) {
      return;
    }
    long total = allocation.getAllocationUnits();
    long now = nanoTime.getAsLong();
    // {bytes sent, time of the last line (or of the first event)}
    long[] upload = uploads.computeIfAbsent(allocation, a -> new long[] {0, now});
    upload[0] += event.getUnits();
    if (upload[0] >= total) {
      done.add(digest);
      uploads.remove(allocation);
      log.info(
          String.format(
              Locale.ROOT,
              "%s: uploaded layer %s %s (%s)",
              repository,
              kind,
              shortDigest(digest),
              ByteSize.format(total)));
    } else if (mode == Mode.INTERACTIVE && now - upload[1] >= INTERVAL.toNanos()) {
      upload[1] = now;
      log.info(
          String.format(
              Locale.ROOT,
              "%s: uploading layer %s %s %s of %s (%d%%)",
              repository,
              kind,
              shortDigest(digest),
              ByteSize.format(upload[0]),
              ByteSize.format(total),
              upload[0] * 100 / total));
    }
  }

  private static String shortDigest(String digest) {
    return digest.substring(0, Math.min(digest.length(), "sha256:".length() + 12));
  }
}
