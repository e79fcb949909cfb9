package io.github.ecrdeploy.lifecycle;

import java.io.File;
import java.util.List;

/**
 * The {@code <lifecyclePolicy>} POM configuration, injected by Maven. Either {@code <rules>} or
 * {@code <policyFile>} (a policy JSON as ECR takes it) declares the policy:
 *
 * <pre>{@code
 * <lifecyclePolicy>
 *   <rules>
 *     <rule>...</rule>                      <!-- see RuleConfig -->
 *   </rules>
 *   <policyFile>src/main/ecr/lifecycle-policy.json</policyFile>  <!-- instead of <rules> -->
 *   <protectedTags><tag>latest</tag><tag>prod</tag></protectedTags>
 *   <failOnWarning>false</failOnWarning>
 *   <pricing><standardPerGbMonth>0.10</standardPerGbMonth></pricing>  <!-- see PricingConfig -->
 * </lifecyclePolicy>
 * }</pre>
 *
 * {@code <protectedTags>} lists tags whose images the policy must never expire or archive (checked
 * by {@link ProtectedTagGuard}); {@code <failOnWarning>} turns {@link PolicyLinter} warnings into
 * build failures; {@code <pricing>} sets the prices the storage report uses ({@link
 * StoragePrices}).
 */
public class LifecyclePolicyConfig {

  private List<RuleConfig> rules;
  private File policyFile;
  private List<String> protectedTags;
  private boolean failOnWarning;
  private PricingConfig pricing;

  public List<RuleConfig> getRules() {
    return rules;
  }

  public void setRules(List<RuleConfig> rules) {
    this.rules = rules;
  }

  public File getPolicyFile() {
    return policyFile;
  }

  public void setPolicyFile(File policyFile) {
    this.policyFile = policyFile;
  }

  public List<String> getProtectedTags() {
    return protectedTags;
  }

  public void setProtectedTags(List<String> protectedTags) {
    this.protectedTags = protectedTags;
  }

  public boolean isFailOnWarning() {
    return failOnWarning;
  }

  public void setFailOnWarning(boolean failOnWarning) {
    this.failOnWarning = failOnWarning;
  }

  public PricingConfig getPricing() {
    return pricing;
  }

  public void setPricing(PricingConfig pricing) {
    this.pricing = pricing;
  }
}
