package io.github.ecrdeploy.ecr;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ECR's rules for repository names (length 2..256, lower-case path components separated by {@code /
 * . _ -}).
 */
public final class RepositoryName {
  private static final Pattern PATTERN =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

  private RepositoryName() {}

  /**
   * Why {@code name} is not a valid ECR repository name, naming {@code <repository>}; empty when it
   * is valid.
   */
  public static Optional<String> problem(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of(
          "<repository> (ecr.repository) is empty: set it to the ECR repository name, e.g."
              + " team/app");
    }
    if (name.length() < 2 || name.length() > 256) {
      return Optional.of("<repository> '" + name + "' must be 2 to 256 characters long");
    }
    if (!PATTERN.matcher(name).matches()) {
      return Optional.of(
          "<repository> '"
              + name
              + "' is not a valid ECR repository name: use lower-case letters and digits, separated"
              + " by '.', '_', '-' or '/', e.g. team/my-service");
    }
    return Optional.empty();
  }
}
