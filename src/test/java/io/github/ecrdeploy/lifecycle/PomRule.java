package io.github.ecrdeploy.lifecycle;

import java.util.Arrays;
import java.util.List;

/** Builds {@code <rule>} configurations as Maven would inject them. */
final class PomRule {

  private final RuleConfig rule = new RuleConfig();

  static PomRule rule() {
    return new PomRule();
  }

  static LifecyclePolicyConfig pom(PomRule... rules) {
    LifecyclePolicyConfig config = new LifecyclePolicyConfig();
    config.setRules(Arrays.stream(rules).map(r -> r.rule).toList());
    return config;
  }

  static List<RuleConfig> rules(PomRule... rules) {
    return Arrays.stream(rules).map(r -> r.rule).toList();
  }

  PomRule priority(int priority) {
    rule.setPriority(priority);
    return this;
  }

  PomRule description(String description) {
    rule.setDescription(description);
    return this;
  }

  PomRule tagStatus(String tagStatus) {
    rule.setTagStatus(tagStatus);
    return this;
  }

  PomRule prefixes(String... prefixes) {
    rule.setTagPrefixes(Arrays.asList(prefixes));
    return this;
  }

  PomRule patterns(String... patterns) {
    rule.setTagPatterns(Arrays.asList(patterns));
    return this;
  }

  PomRule storageClass(String storageClass) {
    rule.setStorageClass(storageClass);
    return this;
  }

  PomRule keepLast(int count) {
    rule.setKeepLast(count);
    return this;
  }

  PomRule olderThanDays(int days) {
    rule.setOlderThanDays(days);
    return this;
  }

  PomRule notPulledForDays(int days) {
    rule.setNotPulledForDays(days);
    return this;
  }

  PomRule archivedForDays(int days) {
    rule.setArchivedForDays(days);
    return this;
  }

  PomRule action(String action) {
    rule.setAction(action);
    return this;
  }
}
