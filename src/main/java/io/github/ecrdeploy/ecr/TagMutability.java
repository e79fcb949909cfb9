package io.github.ecrdeploy.ecr;

import java.util.List;

/** A repository's tag mutability as ECR names it; the one place that says whether tags can move. */
public final class TagMutability {
  public static final String MUTABLE = "MUTABLE";
  public static final String IMMUTABLE = "IMMUTABLE";

  /** Every value ECR accepts for {@code imageTagMutability} that this plugin configures. */
  static final List<String> VALUES = List.of(MUTABLE, IMMUTABLE);

  private TagMutability() {}

  /** Whether a tag that exists in a repository with this {@code mutability} cannot move. */
  public static boolean isImmutable(String mutability) {
    return IMMUTABLE.equals(mutability);
  }
}
