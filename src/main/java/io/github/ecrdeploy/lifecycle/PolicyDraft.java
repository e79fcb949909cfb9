package io.github.ecrdeploy.lifecycle;

import java.util.List;

/**
 * A policy as read from the POM or a policy file, before {@link PolicyValidator} checks ECR's
 * constraints.
 *
 * @param source where the policy comes from, for messages
 * @param rulesLocation how messages name the list of rules: {@code <lifecyclePolicy><rules>} or
 *     {@code rules}
 * @param declaredRules how many rules were declared, including those that could not be read
 * @param rules the rules that could be read
 * @param problems what made the other rules (or the whole policy) unreadable
 */
record PolicyDraft(
    String source,
    String rulesLocation,
    int declaredRules,
    List<LifecycleRule> rules,
    List<String> problems) {

  PolicyDraft {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
  }

  /** A draft with no readable rules. */
  static PolicyDraft unreadable(String source, String rulesLocation, List<String> problems) {
    return new PolicyDraft(source, rulesLocation, 0, List.of(), problems);
  }
}
