package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

/**
 * ECR clients under throttling, against the emulator with the real SDK: throttled calls are retried
 * with backoff by the SDK's adaptive strategy and counted; the clients of one {@link SharedRetries}
 * (the modules of a reactor) share it, also after one of them closed.
 */
class ThrottlingRetriesTest {
  private static EcrEmulator emulator;
  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void start() throws Exception {
    EmulatedEcr.useAwsCredentials("AKIATHROTTLINGTEST01", "throttling-test-secret");
    // only repository and login calls: the registry behind it is never read
    emulator = EcrEmulator.start("127.0.0.1:9", "AWS", "unused", SSLContext.getDefault(), 0);
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @BeforeEach
  void clean() {
    emulator.reset();
  }

  private EcrConnection connection(int retries) {
    return new EcrConnection("us-east-1", null, null, emulator.endpoint(), retries);
  }

  @Test
  void countsEachRetryAfterAThrottledAttemptAndNoOtherRetry() throws Exception {
    emulator.failNext("DescribeRepositories", 2, "ThrottlingException", 400);
    emulator.failNext("GetAuthorizationToken", 1, "ServerException", 500);
    ThrottlingRetries throttled = new ThrottlingRetries();
    try (EcrClient ecr = EcrClients.create(connection(5), log, new SharedRetries(), throttled)) {
      ecr.describeRepositories();
      ecr.getAuthorizationToken();
    }
    assertEquals(3, emulator.calls("DescribeRepositories").size());
    assertEquals(2, emulator.calls("GetAuthorizationToken").size());
    assertEquals(2, throttled.count(), "the retry after the server error is not throttling");
  }

  @Test
  void aCallThrottledBeyondItsRetriesCountsOnlyTheAttemptsThatWereRetried() throws Exception {
    emulator.failNext("DescribeRepositories", 10, "ThrottlingException", 400);
    ThrottlingRetries throttled = new ThrottlingRetries();
    try (EcrClient ecr = EcrClients.create(connection(2), log, new SharedRetries(), throttled)) {
      EcrException e = assertThrows(EcrException.class, ecr::describeRepositories);
      assertTrue(e.isThrottlingException());
    }
    assertEquals(3, emulator.calls("DescribeRepositories").size(), "<retries> 2: three attempts");
    assertEquals(2, throttled.count());
  }

  @Test
  void aClientClosedLeavesTheSharedStrategyToTheOthers() throws Exception {
    SharedRetries shared = new SharedRetries();
    ThrottlingRetries first = new ThrottlingRetries();
    emulator.failNext("DescribeRepositories", 1, "ThrottlingException", 400);
    try (EcrClient ecr = EcrClients.create(connection(5), log, shared, first)) {
      ecr.describeRepositories();
    }
    ThrottlingRetries second = new ThrottlingRetries();
    emulator.failNext("DescribeRepositories", 1, "ThrottlingException", 400);
    try (EcrClient ecr = EcrClients.create(connection(5), log, shared, second)) {
      ecr.describeRepositories();
    }
    assertEquals(1, first.count());
    assertEquals(1, second.count(), "each client counts its own calls");
  }

  @Test
  void parallelClientsBeyondARateLimitAllSucceedWithinTheDefaultRetries() throws Exception {
    emulator.setRateLimit("DescribeRepositories", 3, 2);
    SharedRetries shared = new SharedRetries();
    List<ThrottlingRetries> counts = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> modules = new ArrayList<>();
      for (int module = 0; module < 8; module++) {
        ThrottlingRetries throttled = new ThrottlingRetries();
        counts.add(throttled);
        modules.add(
            threads.submit(
                () -> {
                  try (EcrClient ecr = EcrClients.create(connection(5), log, shared, throttled)) {
                    for (int call = 0; call < 3; call++) {
                      ecr.describeRepositories();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> module : modules) {
        module.get();
      }
    } finally {
      threads.shutdownNow();
    }
    int throttledCalls = emulator.throttledCalls().getOrDefault("DescribeRepositories", 0);
    assertTrue(throttledCalls > 0, "24 calls at once are beyond 3/s with bursts of 2");
    assertEquals(
        throttledCalls,
        counts.stream().mapToInt(ThrottlingRetries::count).sum(),
        "every throttled answer was retried, and counted once");
    assertEquals(24 + throttledCalls, emulator.calls("DescribeRepositories").size());
  }
}
