package io.github.ecrdeploy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.health.TestHttpServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesVerdictAndPerEndpointAttemptsStatusesAndTimeToGreen() throws Exception {
    int[] script = {503, 200, 200};
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) -> new Answer(script[Math.min(n, script.length) - 1], "body " + n))) {
      HealthConfig health = new HealthConfig();
      health.setEndpoints(List.of(HealthConfigValidatorTest.endpoint(server.url("/health"))));
      health.setInterval("50ms");
      health.setSuccessThreshold(2);
      HealthGateResult result =
          new HealthGate(RecordingLog.infoTo(line -> {}))
              .run(HealthConfigValidator.validate(health, CredentialsLookup.NONE));
      Path file = dir.resolve("target/ecr-deploy/health.json");

      HealthReportWriter.write(result, file);

      JsonNode report = new ObjectMapper().readTree(file.toFile());
      assertEquals("green", report.get("result").asText());
      assertFalse(report.has("reason"));
      assertEquals(result.greenAt().toString(), report.get("greenAt").asText());
      assertEquals(result.timeToGreen().toMillis(), report.get("timeToGreenMillis").asLong());
      assertEquals(2, report.get("successThreshold").asInt());
      JsonNode endpoint = report.get("endpoints").get(0);
      assertEquals(server.url("/health"), endpoint.get("url").asText());
      assertEquals("GET", endpoint.get("method").asText());
      assertEquals("green", endpoint.get("result").asText());
      assertEquals(3, endpoint.get("attempts").asInt());
      assertEquals("[503,200,200]", endpoint.get("statuses").toString());
      assertEquals("body 3", endpoint.get("lastBody").asText());
      assertTrue(endpoint.get("timeToGreenMillis").asLong() > 0);
    }
  }

  @Test
  void redReportCarriesTheReasonAndLastFailure() throws Exception {
    try (TestHttpServer server = new TestHttpServer((n, exchange) -> new Answer(503, "down"))) {
      HealthConfig health = new HealthConfig();
      health.setEndpoints(List.of(HealthConfigValidatorTest.endpoint(server.url("/health"))));
      health.setTimeout("300ms");
      health.setInterval("100ms");
      HealthGateResult result =
          new HealthGate(RecordingLog.infoTo(line -> {}))
              .run(HealthConfigValidator.validate(health, CredentialsLookup.NONE));
      Path file = dir.resolve("health.json");

      HealthReportWriter.write(result, file);

      JsonNode report = new ObjectMapper().readTree(Files.readString(file));
      assertEquals("red", report.get("result").asText());
      assertEquals(result.reason(), report.get("reason").asText());
      assertFalse(report.has("greenAt"));
      JsonNode endpoint = report.get("endpoints").get(0);
      assertEquals("red", endpoint.get("result").asText());
      assertEquals(503, endpoint.get("lastStatus").asInt());
      assertEquals("status 503, expected 200-299", endpoint.get("lastFailure").asText());
      assertFalse(endpoint.has("timeToGreenMillis"));
    }
  }
}
