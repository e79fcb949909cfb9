package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestRegistryTest {

  private static TestRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = TestRegistry.builder().start();
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private static HttpClient verifyingClient() {
    return HttpClient.newBuilder().sslContext(registry.sslContext()).build();
  }

  private static HttpRequest.Builder v2() {
    return HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
        .timeout(Duration.ofSeconds(10));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void answers401WithBasicChallengeWithoutCredentials() throws Exception {
    HttpResponse<String> response =
        verifyingClient().send(v2().build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(401, response.statusCode());
    assertTrue(
        response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "),
        response.headers().toString());
  }

  @Test
  void answers200WithCredentialsOverVerifiedTls() throws Exception {
    HttpRequest request =
        v2().header("Authorization", basic(registry.user(), registry.password())).build();

    HttpResponse<String> response =
        verifyingClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals("AWS", registry.user());
    assertEquals("127.0.0.1:" + registry.port(), registry.host());
  }

  @Test
  void rejectsWrongPassword() throws Exception {
    HttpRequest request =
        v2().header("Authorization", basic(registry.user(), registry.password() + "x")).build();

    assertEquals(
        401, verifyingClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  void certificateIsNotTrustedByTheJdkDefaults() {
    HttpClient defaultClient = HttpClient.newHttpClient();

    assertThrows(
        SSLHandshakeException.class,
        () -> defaultClient.send(v2().build(), HttpResponse.BodyHandlers.discarding()));
  }

  @Test
  void trustStoreHoldsTheJdkCasAndTheRegistryCertificate() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(registry.trustStore())) {
      store.load(in, registry.trustStorePassword().toCharArray());
    }

    assertTrue(store.size() > 1, "only " + store.size() + " entries");
    assertTrue(
        store.getCertificateAlias(readCaCertificate()) != null, "registry certificate missing");
    assertEquals("changeit", registry.trustStorePassword());
  }

  private static Certificate readCaCertificate() throws Exception {
    try (InputStream in = Files.newInputStream(registry.caCertPem())) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void certDirHoldsOnlyTheCaCertificate() throws IOException {
    try (var files = Files.list(registry.certDir())) {
      assertEquals(List.of(registry.caCertPem()), files.toList());
    }
  }

  @Test
  void sendsPushEventsToTheNotificationUrl() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    HttpServer listener =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    listener.createContext(
        "/events",
        exchange -> {
          events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    listener.start();
    try (TestRegistry notifying =
        TestRegistry.builder()
            .notificationUrl("http://127.0.0.1:" + listener.getAddress().getPort() + "/events")
            .start()) {
      byte[] blob = "hello".getBytes(StandardCharsets.UTF_8);
      String digest =
          "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
      HttpClient client = HttpClient.newBuilder().sslContext(notifying.sslContext()).build();
      String auth = basic(notifying.user(), notifying.password());

      HttpResponse<Void> started =
          client.send(
              HttpRequest.newBuilder(notifying.baseUri().resolve("/v2/events-test/blobs/uploads/"))
                  .header("Authorization", auth)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertEquals(202, started.statusCode());
      URI location =
          notifying.baseUri().resolve(started.headers().firstValue("Location").orElseThrow());
      String separator = location.getRawQuery() == null ? "?" : "&";
      HttpResponse<Void> finished =
          client.send(
              HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest))
                  .header("Authorization", auth)
                  .header("Content-Type", "application/octet-stream")
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(blob))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertEquals(201, finished.statusCode());

      String envelope = events.poll(30, TimeUnit.SECONDS);
      assertTrue(envelope != null, "no notification within 30 s");
      JsonNode event = new ObjectMapper().readTree(envelope).path("events").path(0);
      assertEquals("push", event.path("action").asText(), envelope);
      assertEquals("events-test", event.path("target").path("repository").asText(), envelope);
      assertEquals(digest, event.path("target").path("digest").asText(), envelope);
    } finally {
      listener.stop(0);
    }
  }

  @Test
  void closeStopsTheProcessAndDeletesTheTemporaryWorkDir() throws Exception {
    TestRegistry other = TestRegistry.builder().password("fixed-secret").start();
    long pid = other.pid();
    assertTrue(ProcessHandle.of(pid).isPresent());
    assertEquals("fixed-secret", other.password());

    other.close();

    assertFalse(other.isRunning());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(Files.exists(other.storageDir()));
  }
}
