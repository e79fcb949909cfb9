package io.github.ecrdeploy.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * ECR's monthly storage prices in USD per GB (2^30 bytes, as AWS bills GB-months), per storage
 * class. The defaults are ECR's public prices in us-east-1 as of March 2026: standard $0.10, and
 * archive $0.10 for the first 150 TB of a month (cheaper only beyond that).
 *
 * @param standardPerGbMonth {@code <lifecyclePolicy><pricing><standardPerGbMonth>}
 * @param archivePerGbMonth {@code <lifecyclePolicy><pricing><archivePerGbMonth>}
 */
public record StoragePrices(double standardPerGbMonth, double archivePerGbMonth) {
  /** USD per GB-month of standard storage, when the POM sets none. */
  public static final double DEFAULT_STANDARD_PER_GB_MONTH = 0.10;

  /** USD per GB-month of archive storage (first 150 TB of a month), when the POM sets none. */
  public static final double DEFAULT_ARCHIVE_PER_GB_MONTH = 0.10;

  /** The currency of every price and cost. */
  public static final String CURRENCY = "USD";

  /** The prices of {@code pricing} (may be {@code null}), with the defaults where it sets none. */
  public static StoragePrices of(PricingConfig pricing) throws InvalidLifecyclePolicyException {
    double standard = DEFAULT_STANDARD_PER_GB_MONTH;
    double archive = DEFAULT_ARCHIVE_PER_GB_MONTH;
    if (pricing != null) {
      standard = valueOr(pricing.getStandardPerGbMonth(), standard);
      archive = valueOr(pricing.getArchivePerGbMonth(), archive);
    }
    List<String> problems = new ArrayList<>();
    check("standardPerGbMonth", standard, problems);
    check("archivePerGbMonth", archive, problems);
    if (!problems.isEmpty()) {
      throw new InvalidLifecyclePolicyException("<lifecyclePolicy><pricing>", problems);
    }
    return new StoragePrices(standard, archive);
  }

  /** What {@code bytes} cost a month in this storage class. */
  public double monthlyCost(long bytes, StorageClass storageClass) {
    double perGb = storageClass == StorageClass.ARCHIVE ? archivePerGbMonth : standardPerGbMonth;
    return bytes / StorageCost.BYTES_PER_GB * perGb;
  }

  private static double valueOr(Double value, double fallback) {
    return value == null ? fallback : value;
  }

  private static void check(String element, double value, List<String> problems) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      problems.add(
          "<pricing><"
              + element
              + "> is "
              + value
              + ": set a price of 0 or more in USD per GB-month, e.g. 0.10");
    }
  }
}
