package io.github.ecrdeploy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatusExpectationTest {
  @Test
  void singleStatus() {
    StatusExpectation expectation = StatusExpectation.parse("200");
    assertTrue(expectation.matches(200));
    assertFalse(expectation.matches(201));
    assertEquals("200", expectation.toString());
  }

  @Test
  void range() {
    StatusExpectation expectation = StatusExpectation.parse("200-299");
    assertTrue(expectation.matches(200));
    assertTrue(expectation.matches(299));
    assertFalse(expectation.matches(199));
    assertFalse(expectation.matches(300));
  }

  @Test
  void commaListOfStatusesAndRanges() {
    StatusExpectation expectation = StatusExpectation.parse("200, 204,301-302");
    assertTrue(expectation.matches(204));
    assertTrue(expectation.matches(302));
    assertFalse(expectation.matches(201));
    assertFalse(expectation.matches(303));
  }

  @Test
  void rejectsWhatIsNotAStatusNamingThePart() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> StatusExpectation.parse("2xx"))
            .getMessage()
            .contains("'2xx'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> StatusExpectation.parse("200,"))
            .getMessage()
            .contains("'' in '200,'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> StatusExpectation.parse("299-200"))
            .getMessage()
            .contains("within 100-599"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> StatusExpectation.parse("600"))
            .getMessage()
            .contains("within 100-599"));
    assertThrows(IllegalArgumentException.class, () -> StatusExpectation.parse("099"));
  }
}
