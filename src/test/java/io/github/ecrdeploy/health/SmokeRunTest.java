package io.github.ecrdeploy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.health.TestHttpServer.Answer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SmokeRun and ContainerEngine against a fake engine CLI; the "container" is a loopback server in
 * this JVM.
 */
class SmokeRunTest {
  private static final String ID = FakeEngine.CONTAINER_ID;

  @TempDir Path dir;
  private Path archive;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void archive() throws Exception {
    archive = Files.writeString(dir.resolve("image.tar"), "not really a tar");
  }

  private SmokeSettings settings(String engine, int port) throws Exception {
    SmokeConfig smoke = new SmokeConfig();
    smoke.setEngine(engine);
    smoke.setRuntime("runc");
    smoke.setPort(port);
    smoke.setTimeout("800ms");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PORT", String.valueOf(port));
    environment.put("GREETING", "hello smoke");
    smoke.setEnvironment(environment);
    HealthConfig health = new HealthConfig();
    health.setEndpoints(
        List.of(HealthConfigValidatorTest.endpoint("https://api.example.com/health/ready?deep=1")));
    health.setInterval("100ms");
    return HealthConfigValidator.validateSmoke(smoke, health, CredentialsLookup.NONE);
  }

  @Test
  void greenRunLoadsCreatesStartsPollsAndRemovesByIdWithoutExposingEnvironmentValues()
      throws Exception {
    FakeEngine podman = FakeEngine.install(dir, "podman");
    try (TestHttpServer server =
        new TestHttpServer(
            (n, exchange) ->
                "/health/ready?deep=1".equals(exchange.getRequestURI().toString())
                    ? new Answer(200, "UP")
                    : new Answer(404, exchange.getRequestURI().toString()))) {
      SmokeResult result =
          new SmokeRun(podman.environment(), RecordingLog.infoTo(log::add))
              .run(settings("auto", server.port()), archive);

      assertEquals(SmokeResult.Outcome.GREEN, result.outcome(), String.join("\n", result.lines()));
      assertEquals("podman", result.engine());
      assertEquals("localhost/app:1.0", result.image());
      assertEquals(ID, result.containerId());
      assertTrue(result.containerLogs().isEmpty());
      List<String> calls = podman.calls();
      assertEquals("--runtime runc version", calls.get(0));
      assertEquals("--runtime runc load -i " + archive, calls.get(1));
      assertTrue(
          calls
              .get(2)
              .matches(
                  "--runtime runc create --cidfile \\S+ --pull never --network host --env-file \\S+"
                      + " localhost/app:1\\.0"),
          calls.get(2));
      assertEquals(
          List.of("env PORT=" + server.port(), "env GREETING=hello smoke"), calls.subList(3, 5));
      assertEquals(
          List.of("--runtime runc start " + ID, "--runtime runc rm -f -t 2 " + ID),
          calls.subList(5, 7));
      assertEquals(7, calls.size(), calls.toString());
      assertFalse(
          calls.stream()
              .filter(c -> !c.startsWith("env "))
              .anyMatch(c -> c.contains("hello smoke")),
          "environment values must not be on command lines: " + calls);
      assertTrue(log.contains("Removed container " + ID), log.toString());
    }
  }

  @Test
  void redRunKeepsTheLastLogLinesAndStillRemovesTheContainer() throws Exception {
    FakeEngine podman = FakeEngine.install(dir, "podman");
    try (TestHttpServer server =
        new TestHttpServer((n, exchange) -> new Answer(503, "warming up"))) {
      SmokeResult result =
          new SmokeRun(podman.environment(), RecordingLog.infoTo(log::add))
              .run(settings("podman", server.port()), archive);

      assertEquals(SmokeResult.Outcome.RED, result.outcome());
      assertFalse(result.gate().green());
      assertEquals(503, result.gate().endpoints().get(0).lastStatus());
      assertEquals(List.of("app log 1", "app log 2"), result.containerLogs());
      assertTrue(
          podman.calls().contains("--runtime runc logs --tail 50 " + ID),
          podman.calls().toString());
      assertEquals(
          "--runtime runc rm -f -t 2 " + ID, podman.calls().get(podman.calls().size() - 1));
      assertTrue(result.lines().contains("  app log 2"), result.lines().toString());

      Path report = dir.resolve("smoke.json");
      HealthReportWriter.write(result, report);
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      assertEquals("red", json.get("result").asText());
      assertEquals("podman", json.get("container").get("engine").asText());
      assertEquals(ID, json.get("container").get("containerId").asText());
      assertEquals("[\"app log 1\",\"app log 2\"]", json.get("container").get("logs").toString());
    }
  }

  @Test
  void failedStartReportsTheLogsAndRemovesTheContainer() throws Exception {
    FakeEngine podman = FakeEngine.install(dir, "podman");
    SmokeRun run =
        new SmokeRun(podman.environment("FAKE_START_FAILS", "1"), RecordingLog.infoTo(log::add));

    ContainerEngineException e =
        assertThrows(
            ContainerEngineException.class, () -> run.run(settings("podman", 8080), archive));

    assertTrue(
        e.getMessage().startsWith("podman start " + ID + " failed with exit code 125"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Error: OCI runtime error: cannot start"), e.getMessage());
    assertTrue(e.getMessage().contains("app log 2"), e.getMessage());
    assertEquals("--runtime runc rm -f -t 2 " + ID, podman.calls().get(podman.calls().size() - 1));
  }

  @Test
  void dockerGetsTheRuntimeOnCreateAndIsRemovedWithoutGracePeriodOption() throws Exception {
    FakeEngine docker = FakeEngine.install(dir, "docker");
    try (TestHttpServer server = new TestHttpServer((n, exchange) -> new Answer(200, "UP"))) {
      SmokeResult result =
          new SmokeRun(docker.environment(), RecordingLog.infoTo(log::add))
              .run(settings("docker", server.port()), archive);

      assertEquals(SmokeResult.Outcome.GREEN, result.outcome());
      List<String> calls = docker.calls();
      assertEquals("version", calls.get(0));
      assertTrue(calls.get(2).startsWith("create --cidfile "), calls.get(2));
      assertTrue(calls.get(2).contains(" --runtime runc "), calls.get(2));
      assertEquals("rm -f " + ID, calls.get(calls.size() - 1));
    }
  }

  @Test
  void noWorkingEngineIsAResultNotAnError() throws Exception {
    FakeEngine docker = FakeEngine.install(dir, "docker");

    SmokeResult result =
        new SmokeRun(docker.environment("FAKE_NO_DAEMON", "1"), RecordingLog.infoTo(log::add))
            .run(settings("auto", 8080), archive);

    assertEquals(SmokeResult.Outcome.NO_ENGINE, result.outcome());
    assertNull(result.gate());
    assertTrue(
        result
            .message()
            .startsWith(
                "no container engine found: podman is not on PATH; docker version failed"
                    + " with exit code 1"),
        result.message());
    assertTrue(result.message().contains("Cannot connect to the Docker daemon"), result.message());
    assertEquals(List.of("version"), docker.calls());

    Path report = dir.resolve("smoke.json");
    HealthReportWriter.write(result, report);
    assertEquals("no_engine", new ObjectMapper().readTree(report.toFile()).get("result").asText());
  }

  @Test
  void explicitEngineIsTheOnlyCandidate() throws Exception {
    FakeEngine podman = FakeEngine.install(dir, "podman");

    EngineLookup lookup = ContainerEngine.find(EngineChoice.DOCKER, null, podman.environment());

    assertTrue(lookup.found().isEmpty());
    assertEquals("no container engine found: docker is not on PATH", lookup.problem());
  }

  @Test
  void missingArchiveFailsBeforeAnyEngineCall() throws Exception {
    FakeEngine podman = FakeEngine.install(dir, "podman");

    assertThrows(
        NoSuchFileException.class,
        () ->
            new SmokeRun(podman.environment(), RecordingLog.infoTo(log::add))
                .run(settings("auto", 8080), dir.resolve("missing.tar")));
    assertTrue(podman.calls().isEmpty());
  }
}
