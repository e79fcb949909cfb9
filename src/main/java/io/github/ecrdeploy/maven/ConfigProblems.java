package io.github.ecrdeploy.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Collects a goal's configuration problems so that the goal reports all of them at once, one per
 * line, before any network call.
 */
final class ConfigProblems {
  /** A validation that fails with a {@link MojoExecutionException} naming the POM element. */
  @FunctionalInterface
  interface Check<T> {
    T run() throws MojoExecutionException;
  }

  private final List<String> problems = new ArrayList<>();

  /** The checked value, or null when the check failed (its problem is kept). */
  <T> T check(Check<T> check) {
    try {
      return check.run();
    } catch (MojoExecutionException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  void add(String problem) {
    problems.add(problem);
  }

  void add(Optional<String> problem) {
    problem.ifPresent(problems::add);
  }

  void addAll(List<String> more) {
    problems.addAll(more);
  }

  /** Every problem collected, one per line (a check's message may hold several). */
  List<String> lines() {
    return problems.stream().flatMap(String::lines).toList();
  }

  /** Fails with every problem collected, if there is one. */
  void throwIfAny() throws MojoExecutionException {
    if (!problems.isEmpty()) {
      throw new MojoExecutionException(String.join("\n", problems));
    }
  }
}
