package io.github.ecrdeploy.lifecycle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TagGlobTest {

  @Test
  void matchesWholeTags() {
    assertTrue(TagGlob.matches("prod*", "prod"));
    assertTrue(TagGlob.matches("prod*", "prod-1"));
    assertFalse(TagGlob.matches("prod*", "preprod"));
    assertTrue(TagGlob.matches("*prod*", "preprod-1"));
    assertTrue(TagGlob.matches("prod", "prod"));
    assertFalse(TagGlob.matches("prod", "prod-1"));
    assertTrue(TagGlob.matches("*test*1*2*3", "xtest-1-2-3"));
    assertFalse(TagGlob.matches("*test*1*2*3", "xtest-1-2-3-4"));
    assertTrue(TagGlob.matches("*", ""));
    assertFalse(TagGlob.matches("a*b", "ab-"));
  }

  @Test
  void coversWhenEveryMatchOfTheInnerPatternMatchesTheOuter() {
    assertTrue(TagGlob.covers("*", "anything*"));
    assertTrue(TagGlob.covers("v*", "v1*"));
    assertFalse(TagGlob.covers("v1*", "v*"));
    assertTrue(TagGlob.covers("*-sha-*", "main-sha-*"));
    assertTrue(TagGlob.covers("a*b", "a*xb"));
    assertFalse(TagGlob.covers("a*b*", "a*"));
    assertTrue(TagGlob.covers("a**", "a*"));
    assertFalse(TagGlob.covers("ab", "a*"));
    assertTrue(TagGlob.covers(TagGlob.ofPrefix("rel"), TagGlob.ofPrefix("release-")));
  }
}
