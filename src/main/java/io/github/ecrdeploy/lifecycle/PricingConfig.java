package io.github.ecrdeploy.lifecycle;

/**
 * The {@code <lifecyclePolicy><pricing>} POM configuration, injected by Maven: what ECR charges per
 * GB-month (USD) in each storage class. Unset values take the defaults of {@link StoragePrices}.
 *
 * <pre>{@code
 * <pricing>
 *   <standardPerGbMonth>0.10</standardPerGbMonth>
 *   <archivePerGbMonth>0.10</archivePerGbMonth>
 * </pricing>
 * }</pre>
 */
public class PricingConfig {

  private Double standardPerGbMonth;
  private Double archivePerGbMonth;

  public Double getStandardPerGbMonth() {
    return standardPerGbMonth;
  }

  public void setStandardPerGbMonth(Double standardPerGbMonth) {
    this.standardPerGbMonth = standardPerGbMonth;
  }

  public Double getArchivePerGbMonth() {
    return archivePerGbMonth;
  }

  public void setArchivePerGbMonth(Double archivePerGbMonth) {
    this.archivePerGbMonth = archivePerGbMonth;
  }
}
