package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionChoiceTest {

  @Test
  void thePomRegionWinsOverAwsRegionAndTheLogSaysSo() {
    RegionChoice choice = RegionChoice.of(null, "eu-west-1", "us-east-1");
    assertEquals("eu-west-1", choice.region());
    assertEquals(
        Optional.of(
            "AWS region eu-west-1 from <region> (ecr.region); it overrides AWS_REGION=us-east-1"
                + " (docs/region.md)"),
        choice.note());
  }

  @Test
  void theCommandLineWinsOverThePomAndAwsRegion() {
    RegionChoice choice = RegionChoice.of("ap-south-1", "eu-west-1", "us-east-1");
    assertEquals("ap-south-1", choice.region());
    assertEquals(
        Optional.of(
            "AWS region ap-south-1 from -Decr.region; it overrides <region> eu-west-1 in the POM"
                + " and AWS_REGION=us-east-1 (docs/region.md)"),
        choice.note());
  }

  @Test
  void agreeingSourcesSayNothing() {
    assertEquals(Optional.empty(), RegionChoice.of(null, "eu-west-1", "eu-west-1").note());
    assertEquals(Optional.empty(), RegionChoice.of("eu-west-1", "eu-west-1", null).note());
    assertEquals(Optional.empty(), RegionChoice.of(null, " eu-west-1 ", "").note());
    assertEquals("eu-west-1", RegionChoice.of(null, " eu-west-1 ", "").region());
  }

  @Test
  void withoutFlagOrPomTheSdkChainDecides() {
    RegionChoice choice = RegionChoice.of(" ", null, "us-east-1");
    assertNull(choice.region());
    assertEquals(Optional.empty(), choice.note());
  }
}
