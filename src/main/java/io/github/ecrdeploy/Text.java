package io.github.ecrdeploy;

/** Small text rules every package applies the same way. */
public final class Text {
  private Text() {}

  /** {@code value} trimmed, or null when it is null or blank (an unset POM value). */
  public static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** {@code sha256:} and the first 12 hex digits of a digest, for logs and tables. */
  public static String shortDigest(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) : digest;
  }
}
