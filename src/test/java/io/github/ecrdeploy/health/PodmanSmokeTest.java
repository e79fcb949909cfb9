package io.github.ecrdeploy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.testbed.TestTools;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real podman run of a tiny image (static busybox serving a JSON file with {@code httpd}), built
 * offline with Jib Core. Installs podman and busybox-static when they are missing (never skips); it
 * writes its own containers.conf (host network, no default ulimits, runc) as these sandboxes need.
 */
class PodmanSmokeTest {
  private static final Path BUSYBOX = Path.of("/bin/busybox");

  @TempDir Path dir;
  private final String image = "localhost/ecr-deploy-smoke-test:" + UUID.randomUUID();
  private final List<String> log = new ArrayList<>();
  private Map<String, String> environment;
  private Path archive;

  @BeforeEach
  void buildImage() throws Exception {
    TestTools.ensureInstalled();
    Path conf =
        Files.writeString(
            dir.resolve("containers.conf"),
            "[containers]\ndefault_ulimits = []\nnetns = \"host\"\n[engine]\nruntime = \"runc\"\n");
    environment = new HashMap<>(System.getenv());
    environment.put("CONTAINERS_CONF", conf.toString());

    Path health = Files.writeString(dir.resolve("health"), "{\"version\":\"1.2.3\"}");
    archive = dir.resolve("image.tar");
    Jib.fromScratch()
        .addFileEntriesLayer(
            FileEntriesLayer.builder()
                .addEntry(
                    BUSYBOX,
                    AbsoluteUnixPath.get("/bin/busybox"),
                    FilePermissions.fromOctalString("755"))
                .addEntry(health, AbsoluteUnixPath.get("/www/health"))
                .build())
        .setEntrypoint(
            "/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -v -p 127.0.0.1:$PORT -h /www")
        .containerize(
            Containerizer.to(TarImage.at(archive).named(image))
                .setBaseImageLayersCache(dir.resolve("jib-base-cache"))
                .setApplicationLayersCache(dir.resolve("jib-app-cache")));
  }

  @AfterEach
  void removeImage() throws Exception {
    new ProcessBuilder("podman", "rmi", "--ignore", image).inheritIO().start().waitFor();
  }

  private SmokeSettings settings(String expectedVersion) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EndpointConfig endpoint = HealthConfigValidatorTest.endpoint("https://api.example.com/health");
    endpoint.setJsonPointer("/version");
    endpoint.setExpectValue(expectedVersion);
    HealthConfig health = new HealthConfig();
    health.setEndpoints(List.of(endpoint));
    health.setInterval("200ms");
    health.setSuccessThreshold(2);
    SmokeConfig smoke = new SmokeConfig();
    smoke.setEngine("podman");
    smoke.setRuntime("runc");
    smoke.setPort(port);
    smoke.setTimeout(expectedVersion.equals("1.2.3") ? "60s" : "3s");
    smoke.setEnvironment(Map.of("PORT", String.valueOf(port)));
    return HealthConfigValidator.validateSmoke(smoke, health, CredentialsLookup.NONE);
  }

  private boolean containerExists(String id) throws Exception {
    ProcessBuilder exists = new ProcessBuilder("podman", "container", "exists", id);
    exists.environment().putAll(environment);
    return exists.inheritIO().start().waitFor() == 0;
  }

  @Test
  void greenRunOfARealContainerIsRemovedAfterwards() throws Exception {
    SmokeResult result =
        new SmokeRun(environment, RecordingLog.infoTo(log::add)).run(settings("1.2.3"), archive);

    assertEquals(
        SmokeResult.Outcome.GREEN,
        result.outcome(),
        String.join("\n", result.lines()) + "\n" + log);
    assertEquals(image, result.image().replaceFirst("^docker\\.io/", ""));
    assertFalse(
        containerExists(result.containerId()),
        "container " + result.containerId() + " was left behind");
  }

  @Test
  void redRunOfARealContainerCarriesItsLogs() throws Exception {
    SmokeResult result =
        new SmokeRun(environment, RecordingLog.infoTo(log::add)).run(settings("9.9.9"), archive);

    assertEquals(
        SmokeResult.Outcome.RED, result.outcome(), String.join("\n", result.lines()) + "\n" + log);
    assertTrue(
        result.gate().reason().contains("wrong version: /version is \"1.2.3\", expected \"9.9.9\""),
        result.gate().reason());
    assertFalse(result.containerLogs().isEmpty(), "httpd -v logs each request");
    assertFalse(
        result.containerLogs().get(0).startsWith("(cannot read"),
        result.containerLogs().toString());
    assertFalse(
        containerExists(result.containerId()),
        "container " + result.containerId() + " was left behind");
  }
}
