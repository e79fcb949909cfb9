package io.github.ecrdeploy.health;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP statuses an endpoint may answer with: {@code 200}, {@code 200-299} or a comma list of
 * both forms.
 */
public final class StatusExpectation {
  private static final Pattern ITEM = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?");

  private final String text;
  private final List<int[]> ranges;

  private StatusExpectation(String text, List<int[]> ranges) {
    this.text = text;
    this.ranges = ranges;
  }

  /**
   * Parses {@code text} such as {@code 200}, {@code 200-299} or {@code 200,204,301-302}.
   *
   * @throws IllegalArgumentException naming the part that is not a status or range of statuses in
   *     100-599
   */
  public static StatusExpectation parse(String text) {
    List<int[]> ranges = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      Matcher m = ITEM.matcher(item.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'"
                + item.trim()
                + "' in '"
                + text
                + "' is not a status: use 200, 200-299 or a comma list such as 200,204");
      }
      int low = Integer.parseInt(m.group(1));
      int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
      if (low < 100 || high > 599 || low > high) {
        throw new IllegalArgumentException(
            "'"
                + item.trim()
                + "' in '"
                + text
                + "' is not a status range within 100-599 (low-high)");
      }
      ranges.add(new int[] {low, high});
    }
    return new StatusExpectation(text.trim(), List.copyOf(ranges));
  }

  /** Whether {@code status} is one of the expected statuses. */
  public boolean matches(int status) {
    return ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
  }

  @Override
  public String toString() {
    return text;
  }
}
