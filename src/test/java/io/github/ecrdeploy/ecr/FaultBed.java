package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.Secrets;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.DependencyJar;
import io.github.ecrdeploy.image.ImageBuilder;
import io.github.ecrdeploy.image.LayerKind;
import io.github.ecrdeploy.image.PushProgress;
import io.github.ecrdeploy.image.TestJars;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import io.github.ecrdeploy.testbed.FaultProxy;
import io.github.ecrdeploy.testbed.RegistryInspector;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The fault matrix's test bed: a real registry with a recognisable password, the ECR emulator in
 * front of it, and a {@link FaultProxy} that the emulator hands out as {@code proxyEndpoint}, so
 * every registry request of a push goes through the proxy. The JVM's default TLS context trusts the
 * registry's certificate (as {@code -Djavax.net.ssl.trustStore} does in real builds), so pushes
 * verify certificates; the AWS secret key is recognisable too. One image is built once, with a
 * layer of about 1.5 MB so that an upload can be cut in the middle.
 */
final class FaultBed implements AutoCloseable {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final EmulatedEcr bed;
  final TestRegistry registry;
  final EcrEmulator emulator;
  final FaultProxy proxy;
  final RegistryInspector inspector;
  final Path dir;
  final ContainerSpec spec;
  final BuiltImage image;

  /** The registry logins of the current "build"; {@link #reset()} starts a new one. */
  private RegistryLogin logins = new RegistryLogin();

  private FaultBed(Path dir) throws Exception {
    this.dir = dir;
    EmulatedEcr.useAwsCredentials("AKIAFAULTMATRIX00001", Secrets.AWS_SECRET_KEY);
    bed =
        EmulatedEcr.start(TestRegistry.builder().password(Secrets.REGISTRY_PASSWORD), r -> {})
            .trustingRegistry();
    registry = bed.registry;
    emulator = bed.emulator;
    proxy = FaultProxy.tls(registry);
    emulator.setProxyEndpoint(proxy.endpoint());
    inspector = new RegistryInspector(registry);

    Path project = dir.resolve("project");
    Path app = TestJars.jar(project.resolve("app.jar"), "com.example.Main", "fault matrix");
    Path big = randomJar(project.resolve("big-1.jar"), 1_500_000);
    Path baseTar = TestJars.baseTar(dir.resolve("base"));
    spec =
        TestJars.spec(
            baseTar, app, List.of(new DependencyJar(big, "com.example", LayerKind.DEPENDENCIES)));
    image =
        new ImageBuilder(
                project.resolve("out"),
                dir.resolve("base-cache"),
                false,
                false,
                false,
                TestJars.QUIET)
            .build(spec, host -> Optional.empty(), "app:1", null);
  }

  static FaultBed start(Path dir) throws Exception {
    return new FaultBed(dir);
  }

  /** A repository name no other test uses. */
  static String uniqueRepository(String prefix) {
    return "faults/" + prefix + "-" + NAMES.incrementAndGet();
  }

  EcrConnection connection(int retries) {
    return new EcrConnection("us-east-1", null, null, emulator.endpoint(), retries);
  }

  /**
   * Back to a clean state: no faults, no recorded calls, the proxy as registry endpoint, no cached
   * token.
   */
  void reset() {
    proxy.reset();
    emulator.clearFaults();
    emulator.clearCalls();
    emulator.setProxyEndpoint(proxy.endpoint());
    logins = new RegistryLogin();
  }

  /** Pushes the image with certificate checks on, as {@code push} does. */
  PushResult push(String repository, int retries, Log log, String... tags)
      throws EcrDeployException {
    return push(repository, retries, false, log, tags);
  }

  PushResult push(String repository, int retries, boolean allowInsecure, Log log, String... tags)
      throws EcrDeployException {
    EcrConnection connection = connection(retries);
    try (EcrClient ecr = EcrClients.create(connection, log)) {
      JibUpload upload =
          new JibUpload(
              dir.resolve("base-cache"), allowInsecure, retries, PushProgress.Mode.BATCH, log);
      return new EcrPush(ecr, upload, logins, log)
          .push(
              new EcrPush.Request(
                  connection,
                  repository,
                  true,
                  new RepositoryConfig(),
                  List.of(tags),
                  image,
                  List.of(),
                  spec,
                  host -> Optional.empty()));
    }
  }

  long calls(String operation) {
    return emulator.calls(operation).size();
  }

  @Override
  public void close() throws Exception {
    proxy.close();
    bed.close();
  }

  /**
   * A jar with one stored (uncompressed) entry of random bytes, so its layer is about {@code size}
   * bytes.
   */
  private static Path randomJar(Path file, int size) throws IOException {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out)) {
      JarEntry entry = new JarEntry("random.bin");
      entry.setTime(0);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(size);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(bytes);
      entry.setCrc(crc.getValue());
      jar.putNextEntry(entry);
      jar.write(bytes);
      jar.closeEntry();
    }
    return file;
  }
}
