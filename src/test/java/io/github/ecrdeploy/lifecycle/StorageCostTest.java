package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.Images.archived;
import static io.github.ecrdeploy.lifecycle.Images.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.lifecycle.StorageCost.RuleSavings;
import io.github.ecrdeploy.lifecycle.StorageCost.StorageReport;
import io.github.ecrdeploy.lifecycle.StorageCost.Totals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte and cost arithmetic of {@link StorageCost}, against numbers computed by hand. */
class StorageCostTest {
  private static final long GIB = 1L << 30;
  private static final StoragePrices TEN_CENTS = new StoragePrices(0.10, 0.10);
  private static final StoragePrices CHEAP_ARCHIVE = new StoragePrices(0.10, 0.01);

  private final Map<String, StoredImage> stored = new LinkedHashMap<>();
  private final List<SimulatedImage> images = new ArrayList<>();

  @Test
  void sharedLayersAreCountedOnceAndFreedOnlyWhenNoImageKeepsThem() {
    // base (4 GiB) is shared by a, b and c; each has its own application layer.
    layered("a", layer("base", 4), layer("app-a", 2));
    layered("b", layer("base", 4), layer("app-b", 1));
    layered("c", layer("base", 4), layer("app-c", 1));
    add(image("a", 3, "v1"), ImageAction.EXPIRE, 1);
    add(image("b", 2, "v2"), ImageAction.EXPIRE, 1);
    add(image("c", 1, "v3"), ImageAction.NONE, 0);

    StorageReport report = StorageCost.of(new Simulation(images), stored, TEN_CENTS);

    // before: 4 + 2 + 1 + 1 = 8 GiB (not 3 x 4 + 4 = 16) at $0.10 = $0.80
    assertEquals(new Totals(3, 8 * GIB, 0, 0.80), report.before());
    // after: c alone, 4 + 1 = 5 GiB = $0.50; the base layer stays because c holds it
    assertEquals(new Totals(1, 5 * GIB, 0, 0.50), report.after());
    assertEquals(new Totals(2, 3 * GIB, 0, 0.30), report.freed());
    assertEquals(List.of(new RuleSavings(1, "expire", 2, 3 * GIB, 0.30)), report.rules());
    assertEquals("USD", report.currency());
    assertEquals(
        "3 images, 8.00 GiB, $0.80/month -> 1 images, 5.00 GiB, $0.50/month (-$0.30/month)",
        report.line());
    assertEquals(
        List.of("rule 1 (expire): 2 image(s), 3.00 GiB freed, -$0.30/month"), report.ruleLines());
  }

  @Test
  void anIndexCountsItsPlatformImagesOnce() {
    // ECR lists the index (imageSizeInBytes = its largest child, 3 GiB) and both children.
    stored.put("sha256:index", StoredImage.ofSize("sha256:index", 3 * GIB, true));
    sized("amd64", 3);
    sized("arm64", 2);
    add(image("index", 1, "v1"), ImageAction.EXPIRE, 1);
    add(image("amd64", 1), ImageAction.NONE, 0);
    add(image("arm64", 1), ImageAction.NONE, 0);

    StorageReport report = StorageCost.of(new Simulation(images), stored, TEN_CENTS);

    // 3 + 2 = 5 GiB, not 3 + 3 + 2 = 8
    assertEquals(new Totals(3, 5 * GIB, 0, 0.50), report.before());
    // expiring the index alone frees nothing: its platform images stay
    assertEquals(new Totals(2, 5 * GIB, 0, 0.50), report.after());
    assertEquals(new Totals(1, 0, 0, 0.0), report.freed());
  }

  @Test
  void archivingMovesBytesToTheArchivePrice() {
    sized("p", 2);
    sized("q", 3);
    sized("r", 1);
    add(image("p", 30, "v1"), ImageAction.TRANSITION, 1);
    add(image("q", 1, "v2"), ImageAction.NONE, 0);
    add(archived("r", 400, 100), ImageAction.NONE, 0);

    StorageReport report = StorageCost.of(new Simulation(images), stored, CHEAP_ARCHIVE);

    // before: standard p + q = 5 GiB x $0.10 = $0.50, archive r = 1 GiB x $0.01 = $0.01
    assertEquals(new Totals(3, 6 * GIB, 1 * GIB, 0.51), report.before());
    // after: standard q = 3 GiB = $0.30, archive p + r = 3 GiB = $0.03
    assertEquals(new Totals(3, 6 * GIB, 3 * GIB, 0.33), report.after());
    // nothing leaves the repository; the archive grows by 2 GiB; $0.18 a month less
    assertEquals(new Totals(0, 0, -2 * GIB, 0.18), report.freed());
    assertEquals(List.of(new RuleSavings(1, "archive", 1, 2 * GIB, 0.18)), report.rules());
  }

  @Test
  void aLayerHeldByAStandardImageIsBilledAsStandardEvenIfArchivedImagesShareIt() {
    layered("s", layer("base", 1), layer("app-s", 1));
    stored.put(
        "sha256:t",
        new StoredImage("sha256:t", 2 * GIB, false, List.of(layer("base", 1), layer("app-t", 1))));
    add(image("s", 1, "v2"), ImageAction.NONE, 0);
    add(archived("t", 400, 100), ImageAction.NONE, 0);

    StorageReport report = StorageCost.of(new Simulation(images), stored, CHEAP_ARCHIVE);

    // standard: base + app-s = 2 GiB = $0.20; archive: app-t only = 1 GiB = $0.01
    assertEquals(new Totals(2, 3 * GIB, 1 * GIB, 0.21), report.before());
    assertEquals(report.before(), report.after());
    assertEquals(List.of(), report.rules());
    assertEquals(
        "2 images, 3.00 GiB, $0.21/month -> 2 images, 3.00 GiB, $0.21/month (no change)",
        report.line());
  }

  @Test
  void pricesDefaultToTheirPublicValuesAndMustNotBeNegative() throws Exception {
    assertEquals(new StoragePrices(0.10, 0.10), StoragePrices.of(null));
    PricingConfig pricing = new PricingConfig();
    pricing.setArchivePerGbMonth(0.01);
    assertEquals(new StoragePrices(0.10, 0.01), StoragePrices.of(pricing));
    pricing.setStandardPerGbMonth(-1.0);
    InvalidLifecyclePolicyException e =
        assertThrows(InvalidLifecyclePolicyException.class, () -> StoragePrices.of(pricing));
    assertTrue(e.getMessage().contains("<pricing><standardPerGbMonth> is -1.0"), e.getMessage());
  }

  private static StoredImage.Layer layer(String name, long gib) {
    return new StoredImage.Layer("sha256:" + name, gib * GIB);
  }

  private void layered(String name, StoredImage.Layer... layers) {
    long size = List.of(layers).stream().mapToLong(StoredImage.Layer::size).sum();
    stored.put("sha256:" + name, new StoredImage("sha256:" + name, size, false, List.of(layers)));
  }

  private void sized(String name, long gib) {
    stored.put("sha256:" + name, StoredImage.ofSize("sha256:" + name, gib * GIB, false));
  }

  private void add(ImageRecord image, ImageAction action, int rulePriority) {
    LifecycleRule rule =
        rulePriority == 0
            ? null
            : new LifecycleRule(
                rulePriority,
                "rule " + rulePriority,
                TagStatus.ANY,
                null,
                null,
                null,
                CountType.IMAGE_COUNT_MORE_THAN,
                null,
                1,
                action == ImageAction.TRANSITION ? ActionType.TRANSITION : ActionType.EXPIRE,
                action == ImageAction.TRANSITION ? StorageClass.ARCHIVE : null,
                new PomRuleLocation(rulePriority, false, CountType.IMAGE_COUNT_MORE_THAN));
    images.add(new SimulatedImage(image, action, rule));
  }
}
