package io.github.ecrdeploy.testbed;

import javax.net.ssl.SSLContext;

/**
 * The test bed of the tests that talk to ECR through the real AWS SDK: a loopback registry whose
 * notifications go to an {@link EcrEmulator}, and that emulator. What a test's set-up pushes into
 * the registry directly (base images) goes in before the emulator starts, since the emulator makes
 * the registry refuse pushes into repositories that were never created.
 */
public final class EmulatedEcr implements AutoCloseable {
  /** Set-up against the registry before the emulator starts. */
  @FunctionalInterface
  public interface SetUp {
    void accept(TestRegistry registry) throws Exception;
  }

  public final TestRegistry registry;
  public final EcrEmulator emulator;
  private SSLContext previousDefault;

  private EmulatedEcr(TestRegistry registry, EcrEmulator emulator) {
    this.registry = registry;
    this.emulator = emulator;
  }

  /**
   * AWS credentials for the SDK's default credentials chain (as system properties), and no lookups
   * of EC2 instance metadata.
   */
  public static void useAwsCredentials(String accessKeyId, String secretAccessKey) {
    System.setProperty("aws.accessKeyId", accessKeyId);
    System.setProperty("aws.secretAccessKey", secretAccessKey);
    System.setProperty("aws.disableEc2Metadata", "true");
  }

  /** A registry with the builder's defaults, and the emulator in front of it. */
  public static EmulatedEcr start() throws Exception {
    return start(TestRegistry.builder(), registry -> {});
  }

  /** A registry from {@code registry}, set up with {@code beforeEmulator}, then the emulator. */
  public static EmulatedEcr start(TestRegistry.Builder registry, SetUp beforeEmulator)
      throws Exception {
    int port = TestRegistry.freePort();
    TestRegistry started = registry.notificationUrl(EcrEmulator.notificationUrl(port)).start();
    try {
      beforeEmulator.accept(started);
      return new EmulatedEcr(started, EcrEmulator.start(started, port));
    } catch (Exception e) {
      started.close();
      throw e;
    }
  }

  /**
   * Makes the JVM's default TLS context trust the registry (for Jib and the AWS SDK) until {@link
   * #close}.
   */
  public EmulatedEcr trustingRegistry() throws Exception {
    previousDefault = SSLContext.getDefault();
    SSLContext.setDefault(registry.sslContext());
    return this;
  }

  @Override
  public void close() throws Exception {
    if (previousDefault != null) {
      SSLContext.setDefault(previousDefault);
    }
    emulator.close();
    registry.close();
  }
}
