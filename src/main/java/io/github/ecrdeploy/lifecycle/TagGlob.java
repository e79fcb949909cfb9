package io.github.ecrdeploy.lifecycle;

/**
 * ECR's tag patterns: {@code *} matches any run of characters (also none), everything else matches
 * itself, and a pattern must match the whole tag.
 */
final class TagGlob {

  private static final char WILDCARD = '*';

  private TagGlob() {}

  /** Whether the tag matches the pattern. */
  static boolean matches(String pattern, String tag) {
    return covers(pattern, tag);
  }

  /**
   * Whether every tag matching {@code inner} also matches {@code outer}. This holds exactly when
   * {@code outer} matches {@code inner} read as text in which each {@code *} may only be consumed
   * by a {@code *} of {@code outer}: replace each {@code *} of {@code inner} by a long run of a
   * character {@code outer} does not contain, and only a {@code *} of {@code outer} can match that
   * run. A tag without {@code *} (ECR tags never contain one) is covered exactly when it matches.
   */
  static boolean covers(String outer, String inner) {
    int m = outer.length();
    int n = inner.length();
    // covered[i][j]: outer.substring(i) covers inner.substring(j)
    boolean[][] covered = new boolean[m + 1][n + 1];
    covered[m][n] = true;
    for (int i = m - 1; i >= 0; i--) {
      for (int j = n; j >= 0; j--) {
        char o = outer.charAt(i);
        if (o == WILDCARD) {
          covered[i][j] = covered[i + 1][j] || (j < n && covered[i][j + 1]);
        } else {
          covered[i][j] = j < n && inner.charAt(j) == o && covered[i + 1][j + 1];
        }
      }
    }
    return covered[0][0];
  }

  /**
   * The pattern that matches exactly the tags starting with {@code prefix} (which must not contain
   * {@code *}).
   */
  static String ofPrefix(String prefix) {
    return prefix + WILDCARD;
  }

  /** Whether the text contains a {@code *}. */
  static boolean hasWildcard(String text) {
    return text.indexOf(WILDCARD) >= 0;
  }
}
