package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBedTest {

  @TempDir Path temp;

  @Test
  void inProcessBedPublishesItsPropertiesAndServesTheBaseImageOverVerifiedTls() throws Exception {
    Path dir = temp.resolve("state");
    Properties published;
    TestRegistry registry;
    try (TestBed bed = TestBed.start(dir)) {
      registry = bed.registry();
      assertTrue(Files.exists(dir.resolve(TestBed.READY_FILE)));
      published = load(dir.resolve(TestBed.PROPERTIES_FILE));
      for (String key :
          List.of(
              TestBed.REGISTRY_HOST_KEY,
              TestBed.REGISTRY_USER_KEY,
              TestBed.REGISTRY_PASSWORD_KEY,
              TestBed.REGISTRY_CA_CERT_KEY,
              TestBed.REGISTRY_CERT_DIR_KEY,
              TestBed.REGISTRY_TRUST_STORE_KEY,
              TestBed.REGISTRY_TRUST_STORE_PASSWORD_KEY,
              TestBed.BASE_IMAGE_KEY,
              TestBed.BASE_DIGEST_KEY,
              TestBed.BASE_TAR_KEY,
              TestBed.EMULATOR_PORT_KEY,
              TestBed.CONTAINERS_CONF_KEY)) {
        assertFalse(published.getProperty(key, "").isEmpty(), key + " missing in " + published);
        assertEquals(bed.properties().get(key), published.getProperty(key), key);
      }
      assertEquals(
          TestBed.DEFAULT_REGISTRY_PASSWORD, published.getProperty(TestBed.REGISTRY_PASSWORD_KEY));
      assertEquals(registry.host() + "/base/jre:17", published.getProperty(TestBed.BASE_IMAGE_KEY));
      assertTrue(Files.size(bed.baseTar()) > 10_000_000, "base tar too small");
      assertEquals(Podman.CONTAINERS_CONF, Files.readString(bed.containersConf()));

      // skopeo (Go TLS) verifies the registry with only the cert dir, and logs in with the
      // published password.
      String inspect =
          TestTools.run(
              Duration.ofMinutes(2),
              "skopeo",
              "inspect",
              "--cert-dir",
              published.getProperty(TestBed.REGISTRY_CERT_DIR_KEY),
              "--creds",
              "AWS:" + published.getProperty(TestBed.REGISTRY_PASSWORD_KEY),
              "docker://" + published.getProperty(TestBed.BASE_IMAGE_KEY));
      assertEquals(
          published.getProperty(TestBed.BASE_DIGEST_KEY),
          new ObjectMapper().readTree(inspect).path("Digest").asText(),
          inspect);
    }
    assertFalse(Files.exists(dir.resolve(TestBed.READY_FILE)), "ready must go when the bed stops");
    assertFalse(registry.isRunning());
  }

  @Test
  void bedProcessStartsOnGivenPortsAndStopsWhenTheStopFileAppears() throws Exception {
    Path dir = temp.resolve("process");
    int registryPort = TestBed.freePort();
    int emulatorPort = TestBed.freePort();
    Process bed =
        startBedProcess(
            dir,
            "--registry-port",
            Integer.toString(registryPort),
            "--emulator-port",
            Integer.toString(emulatorPort));
    try {
      assertNull(
          TestBedAwait.await(dir, Duration.ofSeconds(300)),
          TestTools.tail(dir.resolve("testbed.log"), 40));
      Properties published = load(dir.resolve(TestBed.PROPERTIES_FILE));
      assertEquals("127.0.0.1:" + registryPort, published.getProperty(TestBed.REGISTRY_HOST_KEY));
      assertEquals(
          Integer.toString(emulatorPort), published.getProperty(TestBed.EMULATOR_PORT_KEY));
      assertTrue(accepts(registryPort));

      Files.writeString(dir.resolve(TestBed.STOP_FILE), "");

      assertTrue(bed.waitFor(60, TimeUnit.SECONDS), "the bed did not stop");
      assertEquals(0, bed.exitValue());
      assertFalse(accepts(registryPort), "the registry still runs");
      assertFalse(Files.exists(dir.resolve(TestBed.READY_FILE)));
    } finally {
      bed.destroyForcibly();
    }
  }

  @Test
  void registryDiesWithAKilledBedProcess() throws Exception {
    Path dir = temp.resolve("killed");
    Process bed = startBedProcess(dir);
    try {
      assertNull(
          TestBedAwait.await(dir, Duration.ofSeconds(300)),
          TestTools.tail(dir.resolve("testbed.log"), 40));
      String host =
          load(dir.resolve(TestBed.PROPERTIES_FILE)).getProperty(TestBed.REGISTRY_HOST_KEY);
      int port = Integer.parseInt(host.substring(host.indexOf(':') + 1));

      bed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (accepts(port) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertFalse(accepts(port), "the registry outlived the killed test bed");
      assertNotNull(
          TestBedAwait.await(dir, Duration.ofSeconds(1)),
          "the ready file of a dead bed must not count");
    } finally {
      bed.destroyForcibly();
    }
  }

  @Test
  void startFailsClearlyWhenTheRegistryPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path dir = temp.resolve("taken");
      TestBed.Options options = new TestBed.Options(dir).registryPort(taken.getLocalPort());

      IOException failure = assertThrows(IOException.class, () -> TestBed.start(options));

      assertTrue(failure.getMessage().contains("address already in use"), failure.getMessage());
      assertFalse(Files.exists(dir.resolve(TestBed.READY_FILE)));
    }
  }

  @Test
  void awaitGivesUpWithAReason() throws Exception {
    String problem = TestBedAwait.await(temp.resolve("nothing"), Duration.ofMillis(300));

    assertNotNull(problem);
    assertTrue(problem.contains("not ready within"), problem);
  }

  private static Process startBedProcess(Path dir, String... extraArgs) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TestBed.class.getName(),
                "--state-dir",
                dir.toString()));
    command.addAll(List.of(extraArgs));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    return properties;
  }
}
