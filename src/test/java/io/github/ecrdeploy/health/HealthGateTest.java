package io.github.ecrdeploy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.health.TestHttpServer.Answer;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HealthGateTest {
  private final List<String> progress = new ArrayList<>();

  private HealthGateResult gate(HealthConfig health) throws Exception {
    return gate(health, CredentialsLookup.NONE);
  }

  private HealthGateResult gate(HealthConfig health, CredentialsLookup credentials)
      throws Exception {
    return new HealthGate(RecordingLog.infoTo(progress::add))
        .run(HealthConfigValidator.validate(health, credentials));
  }

  private static HealthConfig health(
      String timeout, String interval, int threshold, EndpointConfig... endpoints) {
    HealthConfig health = new HealthConfig();
    health.setEndpoints(Arrays.asList(endpoints));
    health.setTimeout(timeout);
    health.setInterval(interval);
    health.setRequestTimeout("2s");
    health.setSuccessThreshold(threshold);
    return health;
  }

  private static EndpointConfig endpoint(String url) {
    return HealthConfigValidatorTest.endpoint(url);
  }

  @Test
  void turnsGreenAboutOneIntervalAfterTheServiceIsReady() throws Exception {
    long readyAfterMillis = 1_500;
    AtomicLong firstRequest = new AtomicLong();
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) -> {
              firstRequest.compareAndSet(0, System.nanoTime());
              boolean ready =
                  System.nanoTime() - firstRequest.get() >= readyAfterMillis * 1_000_000;
              return ready ? new Answer(200, "UP") : new Answer(503, "starting");
            })) {
      HealthGateResult result =
          gate(health("20s", "200ms", 1, endpoint(server.url("/health/ready"))));

      assertTrue(result.green(), String.join("\n", result.lines()));
      assertNull(result.reason());
      assertNotNull(result.greenAt());
      long toGreen = result.timeToGreen().toMillis();
      assertTrue(
          toGreen >= readyAfterMillis, "green before the service was ready: " + toGreen + "ms");
      // readiness + one interval, plus a generous allowance for a busy machine
      assertTrue(toGreen <= readyAfterMillis + 200 + 3_000, "green too late: " + toGreen + "ms");
      EndpointResult endpoint = result.endpoints().get(0);
      assertEquals(503, endpoint.statuses().get(0));
      assertEquals(200, endpoint.lastStatus());
      assertEquals(endpoint.attempts(), server.requests());
      assertTrue(endpoint.attempts() >= 3, "polled " + endpoint.attempts() + " times");
      assertEquals(result.timeToGreen().toMillis(), endpoint.timeToGreen().toMillis(), 1_000);
      assertTrue(
          progress.stream().anyMatch(l -> l.contains("status 503, expected 200-299")),
          progress.toString());
      assertTrue(
          progress.stream().anyMatch(l -> l.contains("ok (status 200)")), progress.toString());
    }
  }

  @Test
  void aFailureResetsTheStreak() throws Exception {
    int[] script = {200, 503, 200, 200};
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) -> new Answer(script[Math.min(n, script.length) - 1], "x"))) {
      HealthGateResult result = gate(health("20s", "50ms", 2, endpoint(server.url("/health"))));

      assertTrue(result.green(), String.join("\n", result.lines()));
      assertEquals(List.of(200, 503, 200, 200), result.endpoints().get(0).statuses());
      assertEquals(4, result.rounds());
    }
  }

  @Test
  void flappingNeverReachesTheThreshold() throws Exception {
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) -> n % 2 == 1 ? new Answer(200, "UP") : new Answer(503, "DOWN"))) {
      HealthGateResult result = gate(health("1500ms", "50ms", 2, endpoint(server.url("/health"))));

      assertFalse(result.green());
      EndpointResult endpoint = result.endpoints().get(0);
      assertFalse(endpoint.passed());
      assertTrue(endpoint.attempts() >= 4, "attempts: " + endpoint.attempts());
      assertTrue(endpoint.streak() <= 1);
      assertNull(endpoint.timeToGreen());
      assertTrue(
          result
              .reason()
              .startsWith("timeout: not every endpoint passed 2 times in a row within 1.5s"),
          result.reason());
    }
  }

  @Test
  void everyEndpointMustPassNotJustOne() throws Exception {
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) ->
                exchange.getRequestURI().getPath().equals("/live")
                    ? new Answer(200, "UP")
                    : new Answer(503, "no"))) {
      HealthGateResult result =
          gate(
              health(
                  "1s", "100ms", 1, endpoint(server.url("/live")), endpoint(server.url("/ready"))));

      assertFalse(result.green());
      assertTrue(result.endpoints().get(0).passed());
      assertFalse(result.endpoints().get(1).passed());
      assertTrue(
          result.reason().contains("[2] GET " + server.url("/ready") + ": status 503"),
          result.reason());
      assertFalse(result.reason().contains("[1]"), result.reason());
    }
  }

  @Test
  void wrongVersionIsRedWithExpectedAndActual() throws Exception {
    try (TestHttpServer server =
        new TestHttpServer((n, exchange) -> new Answer(200, "{\"version\":\"1.0.0\"}"))) {
      EndpointConfig version = endpoint(server.url("/health"));
      version.setJsonPointer("/version");
      version.setExpectValue("1.1.0");

      HealthGateResult result = gate(health("1s", "200ms", 1, version));

      assertFalse(result.green());
      String failure = "wrong version: /version is \"1.0.0\", expected \"1.1.0\"";
      assertEquals(failure, result.endpoints().get(0).lastFailure());
      assertTrue(result.reason().contains(failure), result.reason());
      assertEquals(200, result.endpoints().get(0).lastStatus());
      assertTrue(
          result.lines().get(1).contains("body: \"{\"version\":\"1.0.0\"}\""),
          result.lines().get(1));
    }
  }

  @Test
  void rightVersionAndBodyContainsPass() throws Exception {
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) ->
                new Answer(200, "{\"build\":{\"version\":\"1.1.0\"},\"status\":\"UP\"}"))) {
      EndpointConfig version = endpoint(server.url("/health"));
      version.setJsonPointer("/build/version");
      version.setExpectValue("1.1.0");
      version.setBodyContains("\"UP\"");

      assertTrue(gate(health("5s", "100ms", 2, version)).green());
    }
  }

  @Test
  void aHangingRequestCountsAsAFailureAfterTheRequestTimeout() throws Exception {
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) -> {
              Thread.sleep(10_000);
              return new Answer(200, "too late");
            })) {
      HealthConfig health = health("1500ms", "100ms", 1, endpoint(server.url("/health")));
      health.setRequestTimeout("300ms");

      HealthGateResult result = gate(health);

      assertFalse(result.green());
      EndpointResult endpoint = result.endpoints().get(0);
      assertEquals("no response within 300ms (request timeout)", endpoint.lastFailure());
      assertNull(endpoint.lastStatus());
      assertTrue(endpoint.attempts() >= 2, "attempts: " + endpoint.attempts());
      assertTrue(
          result.elapsed().toMillis() < 5_000,
          "the gate waited for the hanging server: " + result.elapsed());
    }
  }

  @Test
  void unavailableForeverIsRedWithStatusAndBodyExcerpt() throws Exception {
    String body = "Service Unavailable: " + "x".repeat(500);
    try (TestHttpServer server = new TestHttpServer((n, exchange) -> new Answer(503, body))) {
      HealthGateResult result = gate(health("800ms", "100ms", 1, endpoint(server.url("/health"))));

      assertFalse(result.green());
      assertNull(result.greenAt());
      assertNull(result.timeToGreen());
      EndpointResult endpoint = result.endpoints().get(0);
      assertEquals(503, endpoint.lastStatus());
      assertEquals(body.substring(0, 200), endpoint.lastBody());
      assertEquals("status 503, expected 200-299", endpoint.lastFailure());
      assertTrue(endpoint.statuses().stream().allMatch(s -> s == 503));
      String line = result.lines().get(1);
      assertTrue(
          line.startsWith(
              "[1] GET "
                  + server.url("/health")
                  + ": red after "
                  + endpoint.attempts()
                  + " attempts"),
          line);
      assertTrue(line.contains("last status 503, body: \"Service Unavailable: xxx"), line);
      assertTrue(
          result.lines().get(0).startsWith("Health gate red: timeout"), result.lines().get(0));
    }
  }

  @Test
  void connectionRefusedIsAFailure() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HealthGateResult result =
        gate(health("500ms", "100ms", 1, endpoint("http://127.0.0.1:" + port + "/health")));

    assertFalse(result.green());
    assertEquals("connection refused", result.endpoints().get(0).lastFailure());
  }

  @Test
  void sendsHeadersAndBasicAuthFromTheServer() throws Exception {
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) -> {
              boolean authorized =
                  "Basic b3BzOnMzY3JldA=="
                          .equals(exchange.getRequestHeaders().getFirst("Authorization"))
                      && "smoke".equals(exchange.getRequestHeaders().getFirst("X-Probe"));
              return authorized ? new Answer(200, "UP") : new Answer(401, "who are you");
            })) {
      EndpointConfig endpoint = endpoint(server.url("/health"));
      endpoint.setServerId("health-api");
      endpoint.setHeaders(Map.of("X-Probe", "smoke"));
      CredentialsLookup credentials =
          id ->
              id.equals("health-api")
                  ? Optional.of(new BasicCredentials("ops", "s3cret"))
                  : Optional.empty();

      HealthGateResult result = gate(health("5s", "100ms", 1, endpoint), credentials);

      assertTrue(result.green(), String.join("\n", result.lines()));
    }
  }

  @Test
  void redirectsAreJudgedAsStatusesAndNotFollowed() throws Exception {
    try (TestHttpServer elsewhere = new TestHttpServer((n, exchange) -> new Answer(200, "UP"));
        TestHttpServer server =
            new TestHttpServer(
                (n, exchange) -> {
                  exchange.getResponseHeaders().add("Location", elsewhere.url("/health"));
                  return new Answer(302, "");
                })) {
      EndpointConfig redirecting = endpoint(server.url("/health"));
      redirecting.setServerId("health-api");
      CredentialsLookup credentials = id -> Optional.of(new BasicCredentials("ops", "s3cret"));

      HealthGateResult red = gate(health("500ms", "100ms", 1, redirecting), credentials);
      redirecting.setExpectStatus("302");
      HealthGateResult green = gate(health("5s", "100ms", 1, redirecting), credentials);

      assertEquals("status 302, expected 200-299", red.endpoints().get(0).lastFailure());
      assertTrue(green.green());
      assertEquals(0, elsewhere.requests(), "the redirect was followed");
    }
  }
}
