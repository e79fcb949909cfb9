package io.github.ecrdeploy.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds repository images relative to a fixed evaluation time. */
final class Images {

  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private Images() {}

  static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  /**
   * A standard-class image with digest {@code sha256:<name>}, pushed {@code days} days before
   * {@link #NOW}.
   */
  static ImageRecord image(String name, int days, String... tags) {
    return new ImageRecord(
        "sha256:" + name, List.of(tags), daysAgo(days), null, StorageClass.STANDARD, null, null);
  }

  /**
   * An archived image, archived {@code archivedDays} days before {@link #NOW} ({@code null}:
   * unknown).
   */
  static ImageRecord archived(String name, int pushedDays, Integer archivedDays) {
    return new ImageRecord(
        "sha256:" + name,
        List.of(),
        daysAgo(pushedDays),
        null,
        StorageClass.ARCHIVE,
        archivedDays == null ? null : daysAgo(archivedDays),
        null);
  }

  /**
   * An image pushed {@code pushedDays} ago, pulled and restored from the archive as given (null:
   * never).
   */
  static ImageRecord pulled(String name, int pushedDays, Integer pulledDays, Integer restoredDays) {
    return new ImageRecord(
        "sha256:" + name,
        List.of("t-" + name),
        daysAgo(pushedDays),
        pulledDays == null ? null : daysAgo(pulledDays),
        StorageClass.STANDARD,
        null,
        restoredDays == null ? null : daysAgo(restoredDays));
  }

  /** The names ({@code sha256:} stripped) of the images that get the action, in name order. */
  static List<String> names(Simulation simulation, ImageAction action) {
    return simulation.withAction(action).stream()
        .map(image -> image.image().digest().substring("sha256:".length()))
        .sorted()
        .toList();
  }
}
