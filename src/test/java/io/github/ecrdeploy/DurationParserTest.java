package io.github.ecrdeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParserTest {
  @Test
  void parsesShortForms() {
    assertEquals(Duration.ofMillis(500), DurationParser.parse("500ms"));
    assertEquals(Duration.ofSeconds(30), DurationParser.parse("30s"));
    assertEquals(Duration.ofMinutes(2), DurationParser.parse("2m"));
    assertEquals(Duration.ofHours(1), DurationParser.parse("1h"));
    assertEquals(Duration.ofSeconds(30), DurationParser.parse(" 30 S "));
  }

  @Test
  void parsesIso8601() {
    assertEquals(Duration.ofSeconds(30), DurationParser.parse("PT30S"));
    assertEquals(Duration.ofMillis(1500), DurationParser.parse("PT1.5S"));
    assertEquals(Duration.ofSeconds(-5), DurationParser.parse("PT-5S"));
  }

  @Test
  void rejectsOtherTextNamingTheAcceptedForms() {
    for (String text : new String[] {"30", "abc", "-5s", "1.5s", "5 minutes", ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DurationParser.parse(text));
      assertTrue(
          e.getMessage().contains("500ms, 30s, 2m") && e.getMessage().contains("PT30S"),
          e.getMessage());
    }
  }

  @Test
  void formatsForPeople() {
    assertEquals("850ms", DurationParser.format(Duration.ofMillis(850)));
    assertEquals("12.3s", DurationParser.format(Duration.ofMillis(12_340)));
    assertEquals("2m05s", DurationParser.format(Duration.ofSeconds(125)));
  }
}
