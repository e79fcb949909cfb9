package io.github.ecrdeploy.image;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints sizes such as {@code 150MB}, {@code 1.5GiB} or {@code 1024}. */
public final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|KIB|MIB|GIB)?", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  /**
   * Parses {@code text}; KB/MB/GB are decimal (as ECR and the AWS console count), KiB/MiB/GiB
   * binary.
   *
   * @throws IllegalArgumentException with a message saying which forms are accepted
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a size: use a number of bytes or a number with B, KB, MB, GB, KiB, MiB or"
              + " GiB");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "KB" -> 1_000L;
          case "MB" -> 1_000_000L;
          case "GB" -> 1_000_000_000L;
          case "KIB" -> 1L << 10;
          case "MIB" -> 1L << 20;
          case "GIB" -> 1L << 30;
          default -> 1L;
        };
    return Math.round(number * factor);
  }

  /** Formats bytes for people: {@code 512 B}, {@code 12.3 kB}, {@code 45.6 MB}. */
  public static String format(long bytes) {
    if (bytes < 1_000) {
      return bytes + " B";
    }
    if (bytes < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
    if (bytes < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }
}
