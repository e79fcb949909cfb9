package io.github.ecrdeploy.testbed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Everything the integration tests run against: a {@link TestRegistry} with the JRE base image
 * ({@link BaseImageBuilder}) pushed as {@value BaseImageBuilder#REPOSITORY_AND_TAG} and saved as a
 * tar, a two-platform variant of it as {@value BaseImageBuilder#MULTI_PLATFORM_REPOSITORY_AND_TAG}
 * (OCI index), and the facts about them in {@code STATE_DIR/testbed.properties} (see the {@code
 * *_KEY} constants), published by creating {@code STATE_DIR/ready}.
 *
 * <p>As a process ({@link #main(String[])}, started by the POM before the invoker ITs): {@code
 * TestBed --state-dir DIR [--registry-port P] [--emulator-port Q] [--other-registry-port R]
 * [--registry-password S] [--cache-dir C]}. It runs until the JVM is terminated, {@code DIR/stop}
 * appears, or the process that started it ends; {@link TestBedAwait} waits for it. In-process
 * (JUnit): {@code try (TestBed bed = TestBed.start(dir)) {...}}.
 */
public final class TestBed implements AutoCloseable {

  /** The password of the test bed's registry unless {@code --registry-password} says otherwise. */
  public static final String DEFAULT_REGISTRY_PASSWORD = "ecr-deploy-it-password";

  public static final String PROPERTIES_FILE = "testbed.properties";
  public static final String READY_FILE = "ready";
  public static final String FAILED_FILE = "failed";
  public static final String STOP_FILE = "stop";
  public static final String LOG_FILE = "testbed.log";

  public static final String REGISTRY_HOST_KEY = "registry.host";
  public static final String REGISTRY_USER_KEY = "registry.user";
  public static final String REGISTRY_PASSWORD_KEY = "registry.password";
  public static final String REGISTRY_CA_CERT_KEY = "registry.caCert";
  public static final String REGISTRY_CERT_DIR_KEY = "registry.certDir";
  public static final String REGISTRY_TRUST_STORE_KEY = "registry.trustStore";
  public static final String REGISTRY_TRUST_STORE_PASSWORD_KEY = "registry.trustStorePassword";
  public static final String BASE_IMAGE_KEY = "base.image";
  public static final String BASE_DIGEST_KEY = "base.digest";
  public static final String BASE_TAR_KEY = "base.tar";
  public static final String BASE_MULTI_PLATFORM_IMAGE_KEY = "base.multiPlatformImage";
  public static final String BASE_MULTI_PLATFORM_DIGEST_KEY = "base.multiPlatformDigest";
  public static final String EMULATOR_PORT_KEY = "emulator.port";
  public static final String EMULATOR_ENDPOINT_KEY = "emulator.endpoint";
  public static final String CONTAINERS_CONF_KEY = "containers.conf";
  public static final String OTHER_ACCOUNT_REGISTRY_ID_KEY = "otherAccount.registryId";
  public static final String OTHER_ACCOUNT_REGISTRY_HOST_KEY = "otherAccount.registryHost";

  /**
   * A second AWS account with its own registry, for pushes into another account's registry ({@code
   * <registryId>}); the callers of the emulator's API are account {@link EcrEmulator#REGISTRY_ID}.
   */
  public static final String OTHER_ACCOUNT_ID = "444455556666";

  /** The password of the other account's registry: a token for one registry fails at the other. */
  static final String OTHER_REGISTRY_PASSWORD = "ecr-deploy-it-other-account-password";

  private final Options options;
  private final Consumer<String> log;
  private final List<AutoCloseable> services = new ArrayList<>();
  private final Map<String, String> properties = new TreeMap<>();
  private TestRegistry registry;
  private TestRegistry otherRegistry;
  private Path baseTar;
  private Path containersConf;
  private int emulatorPort;
  private EcrEmulator emulator;
  private boolean closed;

  private TestBed(Options options, Consumer<String> log) {
    this.options = options;
    this.log = log;
  }

  /**
   * Starts a test bed in {@code stateDir} with free ports, the default password and the default
   * cache.
   */
  public static TestBed start(Path stateDir) throws IOException, InterruptedException {
    return start(new Options(stateDir));
  }

  /**
   * Starts a test bed; returns once {@code ready} exists. Appends to {@code testbed.log}. On
   * failure, what was started is stopped again.
   */
  public static TestBed start(Options options) throws IOException, InterruptedException {
    Path dir = options.stateDir.toAbsolutePath();
    Files.createDirectories(dir);
    for (String marker : List.of(READY_FILE, FAILED_FILE, STOP_FILE, PROPERTIES_FILE)) {
      Files.deleteIfExists(dir.resolve(marker));
    }
    TestBed bed = new TestBed(options, appendingLog(dir.resolve(LOG_FILE)));
    try {
      bed.startAll(dir);
      return bed;
    } catch (IOException | InterruptedException | RuntimeException e) {
      bed.log.accept("Start-up failed: " + e);
      bed.close();
      throw e;
    }
  }

  private void startAll(Path dir) throws IOException, InterruptedException {
    long started = System.nanoTime();
    log.accept("Starting the test bed in " + dir);
    emulatorPort = options.emulatorPort != 0 ? options.emulatorPort : freePort();
    registry =
        TestRegistry.builder()
            .port(options.registryPort)
            .notificationUrl(EcrEmulator.notificationUrl(emulatorPort))
            .password(options.registryPassword)
            .workDir(dir.resolve("registry"))
            .start();
    services.add(registry);
    log.accept(
        "Registry on "
            + registry.host()
            + " (pid "
            + registry.pid()
            + ", log "
            + registry.logFile()
            + ")");
    properties.put(REGISTRY_HOST_KEY, registry.host());
    properties.put(REGISTRY_USER_KEY, registry.user());
    properties.put(REGISTRY_PASSWORD_KEY, registry.password());
    properties.put(REGISTRY_CA_CERT_KEY, registry.caCertPem().toString());
    properties.put(REGISTRY_CERT_DIR_KEY, registry.certDir().toString());
    properties.put(REGISTRY_TRUST_STORE_KEY, registry.trustStore().toString());
    properties.put(REGISTRY_TRUST_STORE_PASSWORD_KEY, registry.trustStorePassword());

    containersConf = Podman.writeContainersConf(dir.resolve("containers.conf"));
    properties.put(CONTAINERS_CONF_KEY, containersConf.toString());

    BaseImageBuilder images = new BaseImageBuilder(options.cacheDir, log);
    String baseImage = registry.host() + "/" + BaseImageBuilder.REPOSITORY_AND_TAG;
    properties.put(BASE_DIGEST_KEY, images.pushTo(registry, BaseImageBuilder.REPOSITORY_AND_TAG));
    properties.put(BASE_IMAGE_KEY, baseImage);
    baseTar = dir.resolve("base-jre-17.tar");
    images.writeTar(baseTar, baseImage);
    properties.put(BASE_TAR_KEY, baseTar.toString());
    properties.put(
        BASE_MULTI_PLATFORM_DIGEST_KEY,
        images.pushMultiPlatformTo(registry, BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG));
    properties.put(
        BASE_MULTI_PLATFORM_IMAGE_KEY,
        registry.host() + "/" + BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG);

    startFurtherServices();

    writeAtomically(dir.resolve(PROPERTIES_FILE), propertiesText());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    writeAtomically(
        dir.resolve(READY_FILE),
        "pid=" + ProcessHandle.current().pid() + "\nstartupMillis=" + took.toMillis() + "\n");
    log.accept("Ready in " + took.toMillis() + " ms: " + dir.resolve(PROPERTIES_FILE));
  }

  /**
   * The place for further services of the test bed: start each here, add it to {@link #services}
   * (closed in reverse order) and put its facts into {@link #properties}.
   */
  private void startFurtherServices() throws IOException, InterruptedException {
    otherRegistry =
        TestRegistry.builder()
            .port(options.otherRegistryPort)
            .password(OTHER_REGISTRY_PASSWORD)
            .sameCertificateAs(registry)
            .workDir(options.stateDir.toAbsolutePath().resolve("other-registry"))
            .start();
    services.add(otherRegistry);
    log.accept(
        "Registry of account "
            + OTHER_ACCOUNT_ID
            + " on "
            + otherRegistry.host()
            + " (pid "
            + otherRegistry.pid()
            + ")");
    emulator = EcrEmulator.start(registry, emulatorPort);
    services.add(emulator);
    emulator.addAccount(OTHER_ACCOUNT_ID, otherRegistry);
    log.accept("ECR emulator on " + emulator.endpoint());
    properties.put(EMULATOR_PORT_KEY, Integer.toString(emulatorPort));
    properties.put(EMULATOR_ENDPOINT_KEY, emulator.endpoint().toString());
    properties.put(OTHER_ACCOUNT_REGISTRY_ID_KEY, OTHER_ACCOUNT_ID);
    properties.put(OTHER_ACCOUNT_REGISTRY_HOST_KEY, otherRegistry.host());
  }

  /** The registry of account {@link #OTHER_ACCOUNT_ID}. */
  public TestRegistry otherRegistry() {
    return otherRegistry;
  }

  private String propertiesText() throws IOException {
    Properties file = new Properties();
    file.putAll(properties);
    StringWriter out = new StringWriter();
    file.store(out, "ecr-deploy test bed, see src/it/README.md");
    return out.toString();
  }

  /** The registry with the base image. */
  public TestRegistry registry() {
    return registry;
  }

  /** {@code 127.0.0.1:PORT/base/jre:17}. */
  public String baseImage() {
    return properties.get(BASE_IMAGE_KEY);
  }

  /** The base image as a {@code docker save}-style tar. */
  public Path baseTar() {
    return baseTar;
  }

  /** The {@code containers.conf} for {@link Podman}. */
  public Path containersConf() {
    return containersConf;
  }

  /** The ECR emulator's port. */
  public int emulatorPort() {
    return emulatorPort;
  }

  /** The ECR emulator in front of the registry. */
  public EcrEmulator emulator() {
    return emulator;
  }

  /** The state directory. */
  public Path stateDir() {
    return options.stateDir.toAbsolutePath();
  }

  /** The same facts as {@code testbed.properties} ({@code *_KEY} constants). */
  public Map<String, String> properties() {
    return Map.copyOf(properties);
  }

  /** Stops every service by its own handle (the registry by its PID) and removes {@code ready}. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Files.deleteIfExists(stateDir().resolve(READY_FILE));
    } catch (IOException e) {
      log.accept("Cannot remove " + READY_FILE + ": " + e);
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      try {
        services.get(i).close();
      } catch (Exception e) {
        log.accept("Stopping " + services.get(i) + " failed: " + e);
      }
    }
    services.clear();
    log.accept("Stopped");
  }

  /**
   * Runs the test bed as a process: {@code --state-dir DIR} (required), {@code --registry-port P},
   * {@code --emulator-port Q} (0 or absent: a free port), {@code --registry-password S}, {@code
   * --cache-dir C}.
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path dir = options.stateDir.toAbsolutePath();
    Files.createDirectories(dir);
    PrintStream console = System.out;
    Files.deleteIfExists(dir.resolve(LOG_FILE));
    PrintStream logStream =
        new PrintStream(
            Files.newOutputStream(
                dir.resolve(LOG_FILE), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            true,
            StandardCharsets.UTF_8);
    System.setOut(logStream);
    System.setErr(logStream);
    console.println("[testbed] starting in " + dir + " (log: " + dir.resolve(LOG_FILE) + ")");

    TestBed bed;
    try {
      bed = start(options);
    } catch (Exception e) {
      e.printStackTrace(logStream);
      writeAtomically(dir.resolve(FAILED_FILE), e + "\n");
      console.println("[testbed] FAILED: " + e + " (see " + dir.resolve(LOG_FILE) + ")");
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(bed::close, "testbed-shutdown"));
    console.println(
        "[testbed] ready: registry " + bed.registry().host() + ", base image " + bed.baseImage());

    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    Path stop = dir.resolve(STOP_FILE);
    while (!Files.exists(stop)) {
      if (parent != null && !parent.isAlive()) {
        System.out.println(
            "The process that started the test bed (pid " + parent.pid() + ") ended");
        break;
      }
      Thread.sleep(500);
    }
    bed.close();
    Files.deleteIfExists(stop);
    System.exit(0);
  }

  static void writeAtomically(Path file, String content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, content, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Consumer<String> appendingLog(Path file) throws IOException {
    OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    return line -> {
      synchronized (stream) {
        stream.println(Instant.now() + " " + line);
      }
    };
  }

  /** Settings of a {@link TestBed}. */
  public static final class Options {
    private final Path stateDir;
    private int registryPort;
    private int emulatorPort;
    private int otherRegistryPort;
    private String registryPassword = DEFAULT_REGISTRY_PASSWORD;
    private Path cacheDir = BaseImageBuilder.defaultCacheDir();

    /**
     * Defaults: free ports, {@link #DEFAULT_REGISTRY_PASSWORD}, {@link
     * BaseImageBuilder#defaultCacheDir()}.
     */
    public Options(Path stateDir) {
      this.stateDir = stateDir;
    }

    /** The registry's port; 0 for a free one. */
    public Options registryPort(int port) {
      this.registryPort = port;
      return this;
    }

    /** The port of account {@link #OTHER_ACCOUNT_ID}'s registry; 0 for a free one. */
    public Options otherRegistryPort(int port) {
      this.otherRegistryPort = port;
      return this;
    }

    /** The port reserved for the ECR emulator; 0 for a free one. */
    public Options emulatorPort(int port) {
      this.emulatorPort = port;
      return this;
    }

    /** The registry password for user {@value TestRegistry#USER}. */
    public Options registryPassword(String password) {
      this.registryPassword = password;
      return this;
    }

    /** Where the JRE tree and Jib's layers are cached. */
    public Options cacheDir(Path dir) {
      this.cacheDir = dir;
      return this;
    }

    static Options parse(String[] args) {
      Map<String, String> values = new TreeMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException(
              "Expected --name value pairs, got: " + String.join(" ", args));
        }
        values.put(args[i], args[++i]);
      }
      String dir = values.remove("--state-dir");
      if (dir == null) {
        throw new IllegalArgumentException("--state-dir DIR is required");
      }
      Options options = new Options(Paths.get(dir));
      for (Map.Entry<String, String> entry : values.entrySet()) {
        String value = entry.getValue();
        switch (entry.getKey()) {
          case "--registry-port" -> options.registryPort(Integer.parseInt(value));
          case "--emulator-port" -> options.emulatorPort(Integer.parseInt(value));
          case "--other-registry-port" -> options.otherRegistryPort(Integer.parseInt(value));
          case "--registry-password" -> options.registryPassword(value);
          case "--cache-dir" -> options.cacheDir(Paths.get(value));
          default ->
              throw new IllegalArgumentException(
                  "Unknown option "
                      + entry.getKey()
                      + "; known: --state-dir, --registry-port, --emulator-port,"
                      + " --other-registry-port, --registry-password, --cache-dir");
        }
      }
      return options;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
