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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roll-back after a red gate: the deploy command runs again with the last green image and
 * {@code ECR_ROLLBACK=true}, only statuses are gated, and one message says what happened.
 */
class AutomaticRollbackTest {
  private static final String NEW = "sha256:" + "n".repeat(64);
  private static final String OLD = "sha256:" + "o".repeat(64);
  private static final DeployedImage RELEASED =
      new DeployedImage("host/team/orders@" + NEW, NEW, List.of("1.4.0"));

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  private HealthConfig health(String url) {
    HealthConfig health = new HealthConfig();
    EndpointConfig endpoint = HealthConfigValidatorTest.endpoint(url);
    endpoint.setJsonPointer("/version");
    endpoint.setExpectValue("1.4.0");
    health.setEndpoints(List.of(endpoint));
    health.setTimeout("3s");
    health.setInterval("100ms");
    health.setPromoteTags(List.of("prod", "latest"));
    health.setDeployCommand("env | grep '^ECR_' | sort > deployed.env");
    return health;
  }

  private HealthGateResult red(HealthConfig health) throws Exception {
    return new HealthGate(RecordingLog.infoTo(log::add))
        .run(HealthConfigValidator.validate(health, CredentialsLookup.NONE));
  }

  private String rollBack(HealthConfig health, HealthGateResult red, Map<String, String> before)
      throws Exception {
    return new AutomaticRollback(
            health, new DeployCommandRunner(Map.of(), dir), RecordingLog.infoTo(log::add))
        .afterRed(
            RELEASED,
            red,
            HealthConfigValidator.validate(health, CredentialsLookup.NONE),
            before,
            dir.resolve("health.json"));
  }

  @Test
  void rollsTheLastGreenImageOutAgainAndGatesOnlyStatuses() throws Exception {
    AtomicBoolean rolledBack = new AtomicBoolean();
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) ->
                rolledBack.get()
                    ? new Answer(200, "{\"version\":\"1.3.0\"}")
                    : new Answer(503, "{\"version\":\"1.4.0\"}"))) {
      HealthConfig health = health(server.url("/health"));
      HealthGateResult red = red(health);
      assertFalse(red.green());
      rolledBack.set(true);

      String message = rollBack(health, red, Map.of("prod", OLD, "latest", OLD));

      assertTrue(
          message.startsWith(
              "Health gate red for "
                  + NEW
                  + " — rolled back to "
                  + OLD
                  + " (prod, latest),"
                  + " healthy again after "),
          message);
      assertTrue(message.endsWith("Tags [prod, latest] were not moved."), message);
      assertEquals(
          List.of(
              "ECR_IMAGE_DIGEST=" + OLD,
              "ECR_IMAGE_TAGS=prod,latest",
              "ECR_IMAGE_URI=host/team/orders@" + OLD,
              "ECR_ROLLBACK=true"),
          Files.readAllLines(dir.resolve("deployed.env")));
      assertTrue(
          log.stream()
              .anyMatch(
                  l ->
                      l.startsWith("Roll-back gate: [1] GET " + server.url("/health"))
                          && l.contains("skipping <expectValue> '1.4.0'")),
          String.join("\n", log));
      JsonNode report = new ObjectMapper().readTree(dir.resolve("health.json").toFile());
      assertEquals("red", report.get("result").asText());
      assertEquals("green", report.at("/rollback/outcome").asText());
      assertEquals(OLD, report.at("/rollback/image").asText());
      assertEquals("green", report.at("/rollback/gate/result").asText());
    }
  }

  @Test
  void saysWhenTheRollBackIsRedToo() throws Exception {
    try (TestHttpServer server = new TestHttpServer((n, exchange) -> new Answer(503, "down"))) {
      HealthConfig health = health(server.url("/health"));
      health.setEndpoints(List.of(HealthConfigValidatorTest.endpoint(server.url("/health"))));
      String message = rollBack(health, red(health), Map.of("prod", OLD));

      assertTrue(
          message.startsWith(
              "Health gate red for "
                  + NEW
                  + " — rolled back to "
                  + OLD
                  + " (prod), roll-back red too: service unhealthy"),
          message);
      JsonNode report = new ObjectMapper().readTree(dir.resolve("health.json").toFile());
      assertEquals("red", report.at("/rollback/outcome").asText());
      assertEquals("red", report.at("/rollback/gate/result").asText());
    }
  }

  @Test
  void withoutAGreenReleaseThereIsNothingToRollBackTo() throws Exception {
    try (TestHttpServer server = new TestHttpServer((n, exchange) -> new Answer(503, "down"))) {
      HealthConfig health = health(server.url("/health"));
      health.setEndpoints(List.of(HealthConfigValidatorTest.endpoint(server.url("/health"))));
      health.setTimeout("300ms");

      String message = rollBack(health, red(health), Map.of());

      assertTrue(
          message.startsWith(
              "Health gate red for " + NEW + " — nothing to roll back to (prod points at no image"),
          message);
      assertFalse(Files.exists(dir.resolve("deployed.env")), "the deploy command must not run");
      JsonNode report = new ObjectMapper().readTree(dir.resolve("health.json").toFile());
      assertEquals("nothing-to-roll-back-to", report.at("/rollback/outcome").asText());
    }
  }
}
