package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The emulator's per-action rate limits, set through the control API and met by the real SDK client
 * without retries: a call beyond the limit is answered as ECR answers it and takes no effect.
 */
class EcrEmulatorRateLimitTest extends EmulatorTestSupport {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @AfterEach
  void clearRateLimits() {
    emulator.clearRateLimits();
  }

  @Test
  void aCallBeyondTheLimitIsThrottledAndTakesNoEffect() throws Exception {
    // 0.01 calls per second: the bucket of one call does not refill during the test
    send("POST", "{\"CreateRepository\": {\"rate\": 0.01, \"burst\": 1}}", 200);
    String first = uniqueName("limited");
    String second = uniqueName("limited");
    emulator.clearCalls();
    try (EcrClient noRetries = clientWithoutRetries()) {
      noRetries.createRepository(r -> r.repositoryName(first));

      EcrException e =
          assertThrows(
              EcrException.class, () -> noRetries.createRepository(r -> r.repositoryName(second)));
      assertEquals(400, e.statusCode());
      assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
      assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
      assertTrue(e.isThrottlingException());

      assertThrows(
          RepositoryNotFoundException.class,
          () -> noRetries.describeRepositories(r -> r.repositoryNames(second)));
      assertEquals(
          first,
          noRetries
              .describeRepositories(r -> r.repositoryNames(first))
              .repositories()
              .get(0)
              .repositoryName(),
          "other actions are not limited");
    }
    List<RecordedCall> calls = emulator.calls("CreateRepository");
    assertEquals(2, calls.size());
    assertEquals("ThrottlingException", calls.get(1).errorType());

    JsonNode state = WireJson.parse(send("GET", null, 200));
    assertEquals(0.01, state.path("limits").path("CreateRepository").path("rate").asDouble());
    assertEquals(1, state.path("limits").path("CreateRepository").path("burst").asInt());
    assertEquals(1, state.path("throttled").path("CreateRepository").asInt());
  }

  @Test
  void deleteAnswersTheRefusalsAndRemovesTheLimits() throws Exception {
    send("POST", "{\"DescribeRepositories\": {\"rate\": 0.01, \"burst\": 1}}", 200);
    try (EcrClient noRetries = clientWithoutRetries()) {
      noRetries.describeRepositories();
      assertThrows(EcrException.class, noRetries::describeRepositories);

      JsonNode before = WireJson.parse(send("DELETE", null, 200));
      assertEquals(1, before.path("throttled").path("DescribeRepositories").asInt());

      noRetries.describeRepositories();
      noRetries.describeRepositories();
    }
    JsonNode after = WireJson.parse(send("GET", null, 200));
    assertTrue(after.path("limits").isEmpty(), after.toString());
    assertTrue(after.path("throttled").isEmpty(), after.toString());
  }

  @Test
  void resetRemovesTheLimits() {
    emulator.setRateLimit("DescribeRepositories", 0.01, 1);
    emulator.reset();
    assertTrue(emulator.rateLimits().isEmpty());
  }

  @Test
  void badLimitsAreRefusedAndChangeNothing() throws Exception {
    send("POST", "{\"PutImage\": {\"rate\": 0, \"burst\": 2}}", 400);
    send("POST", "{\"PutImage\": {\"burst\": 2}}", 400);
    send("POST", "{}", 400);
    assertFalse(emulator.rateLimits().containsKey("PutImage"));
  }

  private static String send(String method, String json, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/_emulator/rate-limits"))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return response.body();
  }

  private static EcrClient clientWithoutRetries() {
    return EcrClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(emulator.endpoint())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
