package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets of the emulator's rate limits, on a clock the test moves. */
class RateLimitsTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RateLimits limits = new RateLimits(nanos::get);

  private void advanceMillis(long millis) {
    nanos.addAndGet(millis * 1_000_000L);
  }

  @Test
  void aFullBucketLetsTheBurstThroughThenRefusesUntilItRefills() {
    limits.set("PutImage", new RateLimits.Limit(3, 2));

    assertTrue(limits.admit("PutImage"));
    assertTrue(limits.admit("PutImage"));
    assertFalse(limits.admit("PutImage"), "the burst of 2 is used up");

    advanceMillis(200); // 0.6 tokens
    assertFalse(limits.admit("PutImage"));
    advanceMillis(200); // 1.2 tokens
    assertTrue(limits.admit("PutImage"));
    assertFalse(limits.admit("PutImage"));

    assertEquals(Map.of("PutImage", 3), limits.throttled());
  }

  @Test
  void aBucketNeverHoldsMoreThanItsBurst() {
    limits.set("BatchGetImage", new RateLimits.Limit(10, 3));
    advanceMillis(60_000);

    for (int i = 0; i < 3; i++) {
      assertTrue(limits.admit("BatchGetImage"));
    }
    assertFalse(limits.admit("BatchGetImage"), "a minute idle still allows only the burst");
  }

  @Test
  void eachActionHasItsOwnBucketAndUnlimitedActionsAlwaysRun() {
    limits.set("PutImage", new RateLimits.Limit(1, 1));
    limits.set("BatchGetImage", new RateLimits.Limit(1, 1));

    assertTrue(limits.admit("PutImage"));
    assertFalse(limits.admit("PutImage"));
    assertTrue(limits.admit("BatchGetImage"), "PutImage's refusals leave BatchGetImage's bucket");
    for (int i = 0; i < 100; i++) {
      assertTrue(limits.admit("DescribeImages"));
    }
    assertEquals(Map.of("PutImage", 1), limits.throttled());
  }

  @Test
  void clearingRemovesTheLimitsAndTheCounts() {
    limits.set("PutImage", new RateLimits.Limit(1, 1));
    limits.admit("PutImage");
    limits.admit("PutImage");

    limits.clear();

    assertTrue(limits.admit("PutImage"));
    assertTrue(limits.admit("PutImage"));
    assertEquals(Map.of(), limits.throttled());
    assertEquals(Map.of(), limits.limits());
  }

  @Test
  void setRefillsTheBucketOfAnActionItReplaces() {
    limits.set("PutImage", new RateLimits.Limit(1, 1));
    limits.admit("PutImage");
    assertFalse(limits.admit("PutImage"));

    limits.set("PutImage", new RateLimits.Limit(1, 2));

    assertTrue(limits.admit("PutImage"));
    assertTrue(limits.admit("PutImage"));
    assertEquals(new RateLimits.Limit(1, 2), limits.limits().get("PutImage"));
  }

  @Test
  void refusesLimitsThatCouldNeverAdmitACallOrNameNoAction() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimits.Limit(0, 2));
    assertThrows(IllegalArgumentException.class, () -> new RateLimits.Limit(3, 0));
    assertThrows(IllegalArgumentException.class, () -> new RateLimits.Limit(Double.NaN, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> limits.set("putImage; drop", new RateLimits.Limit(1, 1)));
  }
}
