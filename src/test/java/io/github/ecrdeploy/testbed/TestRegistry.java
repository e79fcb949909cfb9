package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1
 * with TLS (a self-signed certificate) and basic auth for user {@value #USER}, the way ECR is
 * reached with a token.
 *
 * <pre>{@code
 * try (TestRegistry registry = TestRegistry.builder().start()) {
 *     registry.host();       // "127.0.0.1:PORT"
 *     registry.sslContext(); // trusts exactly this registry's certificate
 * }
 * }</pre>
 *
 * Clients reach it through a {@link RegistryFront} on {@link #host()}, which relays every request
 * to the {@code docker-registry} process unless the policy an {@link EcrEmulator} installed refuses
 * it as ECR would. The registry process is stopped by its own PID on {@link #close()}, and dies
 * with the JVM that started it.
 */
public final class TestRegistry implements AutoCloseable {

  /** The user name, the same as in an ECR authorization token. */
  public static final String USER = "AWS";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int FREE_PORT_ATTEMPTS = 5;

  private final Path workDir;
  private final boolean deleteWorkDir;
  private final int port;
  private final String password;
  private final SelfSignedCertificate certificate;
  private final Path trustStore;
  private final Process process;
  private final int backendPort;
  private RegistryFront front;

  private TestRegistry(
      Path workDir,
      boolean deleteWorkDir,
      int port,
      String password,
      SelfSignedCertificate certificate,
      Path trustStore,
      Process process,
      int backendPort) {
    this.workDir = workDir;
    this.deleteWorkDir = deleteWorkDir;
    this.port = port;
    this.password = password;
    this.certificate = certificate;
    this.trustStore = trustStore;
    this.process = process;
    this.backendPort = backendPort;
  }

  /** Starts configuring a registry. */
  public static Builder builder() {
    return new Builder();
  }

  /** "127.0.0.1:PORT", the registry part of image references (its {@link RegistryFront}). */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** The port the registry is reached at. */
  public int port() {
    return port;
  }

  /**
   * "127.0.0.1:PORT" of the {@code docker-registry} process itself, behind the front: only for the
   * emulator's own reads and writes, which no ECR rule applies to.
   */
  String backendHost() {
    return "127.0.0.1:" + backendPort;
  }

  /** Installs the rules the front checks requests against (null: refuse nothing). */
  void frontPolicy(RegistryFront.Policy policy) {
    front.policy(policy);
  }

  /** {@code https://127.0.0.1:PORT}. */
  public URI baseUri() {
    return URI.create("https://" + host());
  }

  /** The basic-auth user, {@value #USER}. */
  public String user() {
    return USER;
  }

  /** The basic-auth password. */
  public String password() {
    return password;
  }

  /** The registry's self-signed certificate (PEM), the only CA needed to verify it. */
  public Path caCertPem() {
    return certificate.certificatePem();
  }

  /**
   * A directory holding only {@code ca.crt}, for {@code skopeo --cert-dir} and {@code podman
   * --cert-dir}.
   */
  public Path certDir() {
    return certificate.certificatePem().getParent();
  }

  /** A TLS context that trusts exactly this registry's certificate, for test HTTP clients. */
  public SSLContext sslContext() {
    return certificate.sslContext();
  }

  /**
   * A TLS context that presents the registry's own certificate and key, for servers that stand in
   * for it.
   */
  public SSLContext serverSslContext() {
    return certificate.serverSslContext();
  }

  /**
   * A PKCS12 trust store with the JDK's CA certificates plus this registry's certificate (password
   * {@link #trustStorePassword()}), for child JVMs: {@code -Djavax.net.ssl.trustStore=...}.
   */
  public Path trustStore() {
    return trustStore;
  }

  /** The trust store's password, {@value SelfSignedCertificate#TRUST_STORE_PASSWORD}. */
  public String trustStorePassword() {
    return SelfSignedCertificate.TRUST_STORE_PASSWORD;
  }

  /** Where the registry keeps its blobs and manifests. */
  public Path storageDir() {
    return workDir.resolve("storage");
  }

  /** The registry's own log (warnings, errors and its access log). */
  public Path logFile() {
    return workDir.resolve("registry.log");
  }

  /** The PID of the registry process. */
  public long pid() {
    return process.pid();
  }

  /** Whether the registry process is running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /**
   * Stops the registry process (SIGTERM to its PID, then SIGKILL after 10 s) and deletes a
   * temporary work dir.
   */
  @Override
  public void close() throws IOException {
    if (front != null) {
      front.close();
    }
    stop(process);
    if (deleteWorkDir) {
      deleteRecursively(workDir);
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Options of a {@link TestRegistry}; {@link #start()} makes it. */
  public static final class Builder {
    private int port;
    private String password;
    private Path workDir;
    private String notificationUrl;
    private SelfSignedCertificate certificate;

    private Builder() {}

    /**
     * Serves the certificate of {@code registry} (made for 127.0.0.1, so valid on any port): what
     * trusts one registry trusts both; by default a new certificate.
     */
    public Builder sameCertificateAs(TestRegistry registry) {
      this.certificate = registry.certificate;
      return this;
    }

    /** The port to listen on; by default a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The basic-auth password for {@value TestRegistry#USER}; random by default. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /**
     * Where to keep configuration, certificate, storage and log; a temporary directory (deleted on
     * close) by default. A given directory is kept, but its storage is emptied so each start is a
     * fresh registry.
     */
    public Builder workDir(Path workDir) {
      this.workDir = workDir;
      return this;
    }

    /**
     * Sends the registry's notification events (push, pull, delete of manifests and blobs, with
     * references) as HTTP POSTs to this URL; none by default.
     */
    public Builder notificationUrl(String url) {
      this.notificationUrl = url;
      return this;
    }

    /**
     * Installs missing tools, writes the configuration and starts the registry; returns once it
     * answers.
     */
    public TestRegistry start() throws IOException, InterruptedException {
      TestTools.ensureInstalled();
      boolean temporary = workDir == null;
      Path dir = temporary ? Files.createTempDirectory("test-registry") : workDir.toAbsolutePath();
      try {
        return start(dir, temporary);
      } catch (IOException | InterruptedException | RuntimeException e) {
        if (temporary) {
          deleteRecursively(dir);
        }
        throw e;
      }
    }

    private TestRegistry start(Path dir, boolean temporary)
        throws IOException, InterruptedException {
      Files.createDirectories(dir);
      deleteRecursively(dir.resolve("storage"));
      Files.createDirectories(dir.resolve("storage"));
      String pass = password != null ? password : randomSecret();
      SelfSignedCertificate certificate =
          this.certificate != null
              ? this.certificate
              : SelfSignedCertificate.create(
                  dir.resolve("certs/ca.crt"), dir.resolve("tls/registry.key"));
      Path trustStore = dir.resolve("truststore.p12");
      certificate.writeTrustStoreWithJdkCas(trustStore);
      Path htpasswd = dir.resolve("htpasswd");
      TestTools.runWithInput(
          Duration.ofMinutes(1),
          pass + "\n",
          "htpasswd",
          "-B",
          "-i",
          "-c",
          htpasswd.toString(),
          USER);

      for (int attempt = 1; ; attempt++) {
        int listenPort = freePort();
        Path config = dir.resolve("config.yml");
        writeConfig(config, dir, listenPort, certificate, htpasswd);
        Path log = dir.resolve("registry.log");
        Process process =
            TestTools.startTiedToJvm(
                new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile()),
                "test-registry");
        RegistryFront front;
        try {
          front =
              new RegistryFront(
                  port, certificate.serverSslContext(), listenPort, certificate.sslContext());
        } catch (IOException e) {
          stop(process);
          throw new IOException(
              "The registry cannot listen on 127.0.0.1:"
                  + port
                  + (e instanceof BindException ? ": address already in use" : ": " + e),
              e);
        }
        TestRegistry registry =
            new TestRegistry(
                dir, temporary, front.port(), pass, certificate, trustStore, process, listenPort);
        registry.front = front;
        try {
          registry.awaitReady();
          return registry;
        } catch (IOException e) {
          front.close();
          stop(process);
          boolean portTaken = TestTools.tail(log, 20).contains("address already in use");
          if (!portTaken || attempt >= FREE_PORT_ATTEMPTS) {
            throw e;
          }
        }
      }
    }

    private void writeConfig(
        Path config, Path dir, int listenPort, SelfSignedCertificate certificate, Path htpasswd)
        throws IOException {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("version", "0.1");
      root.put("log", Map.of("level", "warn", "formatter", "text"));
      root.put(
          "storage",
          Map.of(
              "filesystem", Map.of("rootdirectory", dir.resolve("storage").toString()),
              "delete", Map.of("enabled", true),
              "maintenance", Map.of("uploadpurging", Map.of("enabled", false))));
      root.put(
          "http",
          Map.of(
              "addr", "127.0.0.1:" + listenPort,
              "secret", randomSecret(),
              "tls",
                  Map.of(
                      "certificate", certificate.certificatePem().toString(),
                      "key", certificate.privateKeyPem().toString())));
      root.put(
          "auth",
          Map.of("htpasswd", Map.of("realm", "ecr-deploy-test", "path", htpasswd.toString())));
      if (notificationUrl != null) {
        root.put(
            "notifications",
            Map.of(
                "events", Map.of("includereferences", true),
                "endpoints",
                    List.of(
                        Map.of(
                            "name", "test-listener",
                            "url", notificationUrl,
                            "timeout", "2s",
                            "threshold", 5,
                            "backoff", "1s"))));
      }
      // JSON is valid YAML, and Jackson does the quoting.
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(config.toFile(), root);
    }
  }

  /**
   * Polls {@code GET /v2/} over verified TLS until it answers 401 (auth required), as the running
   * registry does.
   */
  private void awaitReady() throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(sslContext())
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(baseUri().resolve("/v2/"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "docker-registry exited with code "
                + process.exitValue()
                + " before it answered on "
                + host()
                + "; its log "
                + logFile()
                + " ends with:\n"
                + TestTools.tail(logFile(), 20));
      }
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 401) {
          return;
        }
        last = new IOException("GET /v2/ answered " + response.statusCode() + ", expected 401");
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IOException(
        "docker-registry did not answer on "
            + host()
            + " within "
            + START_TIMEOUT
            + "; log "
            + logFile()
            + ":\n"
            + TestTools.tail(logFile(), 20),
        last);
  }

  /** A loopback port free at the time of asking. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
