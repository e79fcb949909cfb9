package io.github.ecrdeploy.testbed;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ECR's tag wildcards: {@code *} matches any sequence (also empty), the pattern must match the
 * whole tag.
 */
final class Wildcard {

  private Wildcard() {}

  static boolean matches(String pattern, String tag) {
    String regex =
        Arrays.stream(pattern.split("\\*", -1))
            .map(Pattern::quote)
            .collect(Collectors.joining(".*"));
    return tag.matches(regex);
  }
}
