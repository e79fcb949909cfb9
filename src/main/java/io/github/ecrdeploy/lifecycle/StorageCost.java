package io.github.ecrdeploy.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a {@link Simulation} means for the repository's storage: images, bytes and monthly cost
 * before and after the policy, and what each rule frees. Bytes are counted as ECR bills them: each
 * layer blob once per repository however many images share it, an index adding nothing beyond its
 * platform images (which are images of their own). A blob held by a standard image is billed as
 * standard; a blob held only by archived images as archive.
 */
public final class StorageCost {
  /** A GB as AWS bills GB-months: 2^30 bytes. */
  public static final double BYTES_PER_GB = 1L << 30;

  private StorageCost() {}

  /**
   * Images, bytes and monthly cost of one state of the repository.
   *
   * @param images how many images ECR lists (an index and each of its platform images count)
   * @param bytes the bytes stored, each blob once
   * @param archiveBytes the part of {@code bytes} in the archive storage class
   * @param monthlyCost USD a month for {@code bytes}, rounded to 1/10000
   */
  public record Totals(int images, long bytes, long archiveBytes, double monthlyCost) {}

  /**
   * What one rule's actions alone change.
   *
   * @param rulePriority the rule
   * @param action {@code expire} or {@code archive}
   * @param images how many images the rule acts on
   * @param freedBytes bytes that leave the repository or the standard class because of this rule
   * @param monthlySaving USD a month this rule saves
   */
  public record RuleSavings(
      int rulePriority, String action, int images, long freedBytes, double monthlySaving) {}

  /**
   * The storage part of {@code lifecycle.json}.
   *
   * @param before the repository now
   * @param after the repository once the policy has acted
   * @param freed {@code before} minus {@code after} (a negative {@code archiveBytes}: the archive
   *     grows)
   * @param currency always {@code USD}
   * @param prices the prices used
   * @param rules per rule that acts on images, by priority
   */
  public record StorageReport(
      Totals before,
      Totals after,
      Totals freed,
      String currency,
      StoragePrices prices,
      List<RuleSavings> rules) {

    /**
     * One line: {@code 42 images, 21.70 GiB, $2.17/month -> 7 images, ... (-$2.06/month)}, or
     * {@code (no change)} at the end when the cost stays the same.
     */
    public String line() {
      return describe(before)
          + " -> "
          + describe(after)
          + (freed.monthlyCost() == 0
              ? " (no change)"
              : " (" + signedDollars(-freed.monthlyCost()) + "/month)");
    }

    /** One line per rule that acts on images. */
    public List<String> ruleLines() {
      return rules.stream()
          .map(
              r ->
                  String.format(
                      Locale.ROOT,
                      "rule %d (%s): %d image(s), %s freed, %s/month",
                      r.rulePriority(),
                      r.action(),
                      r.images(),
                      size(r.freedBytes()),
                      signedDollars(-r.monthlySaving())))
          .toList();
    }

    private static String describe(Totals totals) {
      return String.format(
          Locale.ROOT,
          "%d images, %s, %s/month",
          totals.images(),
          size(totals.bytes()),
          dollars(totals.monthlyCost()));
    }
  }

  /**
   * The storage before and after {@code simulation}.
   *
   * @param stored what each image stores, by digest; an image missing here counts 0 bytes
   */
  public static StorageReport of(
      Simulation simulation, Map<String, StoredImage> stored, StoragePrices prices) {
    Totals before = totals(simulation, stored, prices, s -> s.image().storageClass());
    Totals after = totals(simulation, stored, prices, StorageCost::classAfter);
    Totals freed =
        new Totals(
            before.images() - after.images(),
            before.bytes() - after.bytes(),
            before.archiveBytes() - after.archiveBytes(),
            round(before.monthlyCost() - after.monthlyCost()));
    Map<Integer, List<SimulatedImage>> byRule = new TreeMap<>();
    for (SimulatedImage image : simulation.images()) {
      if (image.action() != ImageAction.NONE && image.decidingRule() != null) {
        byRule.computeIfAbsent(image.decidingRule().priority(), p -> new ArrayList<>()).add(image);
      }
    }
    List<RuleSavings> rules = new ArrayList<>();
    byRule.forEach(
        (priority, images) -> {
          Totals alone =
              totals(
                  simulation,
                  stored,
                  prices,
                  s -> images.contains(s) ? classAfter(s) : s.image().storageClass());
          rules.add(
              new RuleSavings(
                  priority,
                  images.get(0).action() == ImageAction.EXPIRE ? "expire" : "archive",
                  images.size(),
                  (before.bytes() - before.archiveBytes()) - (alone.bytes() - alone.archiveBytes()),
                  round(before.monthlyCost() - alone.monthlyCost())));
        });
    return new StorageReport(before, after, freed, StoragePrices.CURRENCY, prices, rules);
  }

  private static Totals totals(
      Simulation simulation,
      Map<String, StoredImage> stored,
      StoragePrices prices,
      Function<SimulatedImage, StorageClass> storageClass) {
    Map<String, Long> standard = new LinkedHashMap<>();
    Map<String, Long> archive = new HashMap<>();
    int images = 0;
    for (SimulatedImage image : simulation.images()) {
      StorageClass where = storageClass.apply(image);
      if (where == null) {
        continue;
      }
      images++;
      StoredImage blobs = stored.get(image.image().digest());
      if (blobs == null) {
        continue;
      }
      Map<String, Long> into = where == StorageClass.ARCHIVE ? archive : standard;
      blobs.blobs().forEach(layer -> into.put(layer.digest(), layer.size()));
    }
    archive.keySet().removeAll(standard.keySet());
    long standardBytes = sum(standard);
    long archiveBytes = sum(archive);
    double cost =
        prices.monthlyCost(standardBytes, StorageClass.STANDARD)
            + prices.monthlyCost(archiveBytes, StorageClass.ARCHIVE);
    return new Totals(images, standardBytes + archiveBytes, archiveBytes, round(cost));
  }

  private static StorageClass classAfter(SimulatedImage image) {
    return switch (image.action()) {
      case NONE -> image.image().storageClass();
      case TRANSITION -> StorageClass.ARCHIVE;
      case EXPIRE -> null;
    };
  }

  private static long sum(Map<String, Long> blobs) {
    return blobs.values().stream().mapToLong(Long::longValue).sum();
  }

  private static double round(double dollars) {
    return Math.round(dollars * 10_000) / 10_000.0;
  }

  /**
   * Binary units, as the price is per 2^30 bytes: {@code 512 B}, {@code 3.4 MiB}, {@code 21.70
   * GiB}.
   */
  static String size(long bytes) {
    long magnitude = Math.abs(bytes);
    if (magnitude < 1L << 10) {
      return bytes + " B";
    }
    if (magnitude < 1L << 20) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / (double) (1L << 10));
    }
    if (magnitude < 1L << 30) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / BYTES_PER_GB);
  }

  /** Cents, or 1/10000 of a dollar for amounts below a cent: {@code $2.17}, {@code $0.0043}. */
  static String dollars(double dollars) {
    double magnitude = Math.abs(dollars);
    return String.format(
        Locale.ROOT, magnitude > 0 && magnitude < 0.01 ? "$%.4f" : "$%.2f", magnitude);
  }

  private static String signedDollars(double dollars) {
    return (dollars < 0 ? "-" : "+") + dollars(dollars);
  }
}
