package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class JibFailuresTest {
  @Test
  void urlQueriesAreRemovedFromLogLines() {
    assertEquals(
        "GET https://layers.s3.amazonaws.com/sha256/ab failed and will be retried",
        JibFailures.withoutQueries(
            "GET https://layers.s3.amazonaws.com/sha256/ab?X-Amz-Security-Token=IQoJb3JpZ2luX2VjE&X-Amz-Signature=f00"
                + " failed and will be retried"));
    assertEquals(
        "is the registry up and reachable?",
        JibFailures.withoutQueries("is the registry up and reachable?"));
  }

  @Test
  void networkFailuresSayWhatToCheck() {
    assertEquals(
        "unknown host registry.example.invalid: check the registry name and your network/DNS",
        JibFailures.describe(
            new RuntimeException(new UnknownHostException("registry.example.invalid"))));
    assertEquals(
        "cannot connect (Connection refused): is the registry up and reachable?",
        JibFailures.describe(new ConnectException("Connection refused")));
  }
}
