package io.github.ecrdeploy.lifecycle;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An ECR lifecycle policy: its rules, ordered by priority, and where the policy was declared.
 *
 * @param source where the policy comes from, for messages: {@code <lifecyclePolicy>} or {@code
 *     <lifecyclePolicy><policyFile> path}
 * @param rules the rules, ordered by priority (1 first)
 */
public record LifecyclePolicy(String source, List<LifecycleRule> rules) {

  public LifecyclePolicy {
    Objects.requireNonNull(source, "source");
    rules = rules.stream().sorted(Comparator.comparingInt(LifecycleRule::priority)).toList();
  }
}
