package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * One real registry (with notifications to the emulator) and one emulator per test class, and the
 * real SDK client pointed at the emulator.
 */
abstract class EmulatorTestSupport {

  private static final AtomicInteger NAMES = new AtomicInteger();

  static EmulatedEcr bed;
  static TestRegistry registry;
  static EcrEmulator emulator;
  static EcrClient ecr;

  @BeforeAll
  static void startRegistryAndEmulator() throws Exception {
    bed = EmulatedEcr.start();
    registry = bed.registry;
    emulator = bed.emulator;
    ecr = client(Region.US_EAST_1);
  }

  /**
   * What the registry's front cannot refuse and the emulator records as a violation fails the test
   * that caused it, not a later one.
   */
  @AfterEach
  void noViolations() {
    List<String> violations = emulator.violations();
    assertTrue(violations.isEmpty(), "ECR would have refused: " + violations);
  }

  @AfterAll
  static void stopRegistryAndEmulator() throws Exception {
    if (ecr != null) {
      ecr.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  static EcrClient client(Region region) {
    return EcrClient.builder()
        .region(region)
        .endpointOverride(emulator.endpoint())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A repository name no other test uses, e.g. {@code team/images-7}. */
  static String uniqueName(String prefix) {
    return "team/" + prefix + "-" + NAMES.incrementAndGet();
  }

  /** Creates a fresh repository through the SDK and returns its name. */
  static String newRepository(String prefix, ImageTagMutability mutability) {
    String name = uniqueName(prefix);
    ecr.createRepository(r -> r.repositoryName(name).imageTagMutability(mutability));
    return name;
  }

  /** Pushes a tiny Docker-format image straight to the registry with Jib; returns its digest. */
  static String push(String repository, String content, String... tags) throws Exception {
    return JibTestImages.push(
        registry.host(),
        registry.user(),
        registry.password(),
        repository,
        content,
        ImageFormat.Docker,
        tags);
  }
}
