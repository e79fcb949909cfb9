package io.github.ecrdeploy.lifecycle;

import java.util.List;

/**
 * The declared lifecycle policy breaks ECR's rules; {@link #problems()} lists every problem with
 * how to fix it.
 */
public class InvalidLifecyclePolicyException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final List<String> problems;

  public InvalidLifecyclePolicyException(String source, List<String> problems) {
    super("Invalid lifecycle policy in " + source + ":\n  - " + String.join("\n  - ", problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /**
   * Where the policy was declared: {@code <lifecyclePolicy>} or {@code
   * <lifecyclePolicy><policyFile> path}.
   */
  public String source() {
    return source;
  }

  /** Each problem on its own, naming the POM element or JSON path and saying what to do. */
  public List<String> problems() {
    return problems;
  }
}
