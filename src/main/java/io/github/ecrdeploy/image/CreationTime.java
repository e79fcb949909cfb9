package io.github.ecrdeploy.image;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The image creation time: {@code project.build.outputTimestamp} when set, else the epoch. */
public final class CreationTime {
  private CreationTime() {}

  /**
   * Parses Maven's {@code project.build.outputTimestamp}: ISO-8601 or seconds since the epoch;
   * null, empty or a single character (Maven's "disabled") give the epoch.
   */
  public static Instant fromOutputTimestamp(String value) throws ImageBuildException {
    if (value == null || value.trim().length() < 2) {
      return Instant.EPOCH;
    }
    String text = value.trim();
    try {
      if (text.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochSecond(Long.parseLong(text));
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new ImageBuildException(
          "project.build.outputTimestamp '"
              + text
              + "' is neither ISO-8601 (2024-01-01T00:00:00Z) nor seconds since the epoch");
    }
  }
}
