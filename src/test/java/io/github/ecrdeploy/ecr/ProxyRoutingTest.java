package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.image.BaseImage;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.ImageBuilder;
import io.github.ecrdeploy.image.TestJars;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import io.github.ecrdeploy.testbed.JibTestImages;
import io.github.ecrdeploy.testbed.TestRegistry;
import io.github.ecrdeploy.testbed.Tinyproxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * The registry traffic (Jib pulling a base image) and the ECR API traffic (the AWS SDK) through a
 * real proxy (tinyproxy with basic authentication), as {@code settings.xml} proxies configure them;
 * and around it when {@code <nonProxyHosts>} covers the hosts. The registry and the emulator listen
 * on loopback, so the tests also show that the JDK's loopback exceptions are not added when {@code
 * <nonProxyHosts>} is empty.
 */
class ProxyRoutingTest {
  private static final String PROXY_USER = "proxy-user";
  private static final String PROXY_PASSWORD = "sentinel-proxy-password-never-logged";
  private static final AtomicInteger RUNS = new AtomicInteger();

  @TempDir static Path shared;
  static EmulatedEcr bed;
  static TestRegistry registry;
  static EcrEmulator emulator;
  static Tinyproxy proxy;
  static String baseImage;

  @TempDir Path work;

  @BeforeAll
  static void start() throws Exception {
    EmulatedEcr.useAwsCredentials("AKIDPROXYTEST", "proxy-test-secret");
    bed =
        EmulatedEcr.start(
                TestRegistry.builder(),
                registry ->
                    JibTestImages.push(
                        registry.host(),
                        registry.user(),
                        registry.password(),
                        "proxy-test/base",
                        "base",
                        ImageFormat.OCI,
                        "1"))
            .trustingRegistry();
    registry = bed.registry;
    emulator = bed.emulator;
    baseImage = registry.host() + "/proxy-test/base:1";
    proxy = Tinyproxy.start(shared.resolve("proxy"), PROXY_USER, PROXY_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  private static ProxySettings proxies(String password, String nonProxyHosts) {
    HttpProxy settingsProxy =
        new HttpProxy("corporate", "127.0.0.1", proxy.port(), PROXY_USER, password, nonProxyHosts);
    return new ProxySettings(settingsProxy, settingsProxy);
  }

  /**
   * Calls ECR (GetAuthorizationToken) and builds from the registry base image, as build and push
   * do.
   */
  private AuthorizationData callEcrAndPullBase(ProxySettings proxies, RecordingLog log)
      throws Exception {
    EcrConnection connection =
        new EcrConnection("us-east-1", null, null, emulator.endpoint(), 0, proxies);
    try (JvmProxyProperties.Scope scope = JvmProxyProperties.open(proxies, log)) {
      AuthorizationData token;
      try (EcrClient ecr = EcrClients.create(connection, log)) {
        token = ecr.getAuthorizationToken(b -> {}).authorizationData().get(0);
      }
      Path project = work.resolve("project-" + RUNS.incrementAndGet());
      Path app = TestJars.jar(project.resolve("app.jar"), "com.example.Main", "proxied");
      ContainerSpec tarSpec =
          TestJars.spec(TestJars.baseTar(project.resolve("unused")), app, List.of());
      ContainerSpec spec = tarSpec.withFrom(BaseImage.parse(baseImage, project));
      BuiltImage image =
          new ImageBuilder(
                  project.resolve("out"), project.resolve("base-cache"), false, false, false, log)
              .build(
                  spec,
                  host -> Optional.of(Credential.from(registry.user(), registry.password())),
                  "app:1",
                  null);
      assertTrue(image.digest().startsWith("sha256:"), image.digest());
      return token;
    }
  }

  private static List<String> newRequests(List<String> before) throws Exception {
    List<String> now = new ArrayList<>(proxy.requests());
    return now.subList(before.size(), now.size());
  }

  @Test
  void registryAndEcrApiTrafficGoThroughTheProxyWithItsCredentials() throws Exception {
    List<String> before = proxy.requests();
    RecordingLog log = new RecordingLog();
    AuthorizationData token = callEcrAndPullBase(proxies(PROXY_PASSWORD, null), log);
    assertEquals("https://" + registry.host(), token.proxyEndpoint());

    List<String> requests = newRequests(before);
    assertTrue(
        requests.contains("CONNECT " + registry.host()),
        "the registry was reached through the proxy; proxy saw " + requests);
    assertTrue(
        requests.stream().anyMatch(r -> r.equals("POST http://127.0.0.1:" + emulator.port() + "/")),
        "the ECR API was reached through the proxy; proxy saw " + requests);
    assertFalse(log.text().contains(PROXY_PASSWORD), log.text());
    assertNull(System.getProperty("https.proxyHost"), "the JVM proxy properties are restored");
    assertNull(System.getProperty("https.proxyPassword"), "the JVM proxy properties are restored");
  }

  @Test
  void hostsInNonProxyHostsAreReachedDirectly() throws Exception {
    List<String> before = proxy.requests();
    callEcrAndPullBase(proxies(PROXY_PASSWORD, "*.corp.example|127.0.0.1"), new RecordingLog());
    assertEquals(List.of(), newRequests(before), "nothing went through the proxy");
  }

  @Test
  void theProxyRefusesAWrongPasswordAndTheFailureDoesNotShowIt() throws Exception {
    String wrong = "sentinel-wrong-proxy-password";
    ProxySettings proxies = proxies(wrong, null);
    EcrConnection connection =
        new EcrConnection("us-east-1", null, null, emulator.endpoint(), 0, proxies);
    int before = emulator.calls().size();
    try (EcrClient ecr = EcrClients.create(connection, new RecordingLog())) {
      Exception e = assertThrows(Exception.class, () -> ecr.getAuthorizationToken(b -> {}));
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertFalse(String.valueOf(t).contains(wrong), String.valueOf(t));
      }
      // tinyproxy refuses missing credentials with 407 and wrong ones with 401.
      assertTrue(String.valueOf(e).matches("(?s).*status code 40[17].*"), String.valueOf(e));
    }
    assertEquals(before, emulator.calls().size(), "no call reached the ECR emulator");
    assertFalse(proxies.toString().contains(wrong), proxies.toString());
  }
}
