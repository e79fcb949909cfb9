package io.github.ecrdeploy.health;

import java.util.List;

/** The health or smoke configuration is invalid; each problem names the POM element to fix. */
public class HealthConfigException extends Exception {
  private final List<String> problems;

  public HealthConfigException(List<String> problems) {
    super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * One line per problem, each starting with the POM element, e.g. {@code <health><timeout> must be
   * positive}.
   */
  public List<String> problems() {
    return problems;
  }
}
