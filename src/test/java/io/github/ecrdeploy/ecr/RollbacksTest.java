package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import io.github.ecrdeploy.testbed.JibTestImages;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * Roll-back planning and the tag swap against the ECR emulator: every refusal comes before any tag
 * moves, and two roll-backs in a row return to where they started.
 */
class RollbacksTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Function<String, Optional<String>> PREVIOUS =
      tag -> Optional.of(tag + "-previous");
  static EmulatedEcr bed;
  static TestRegistry registry;
  static EcrEmulator emulator;
  static EcrClient ecr;

  @BeforeAll
  static void start() throws Exception {
    bed = EmulatedEcr.start();
    registry = bed.registry;
    emulator = bed.emulator;
    ecr =
        EcrClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(emulator.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDROLLBACK", "rollback-test-secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (ecr != null) {
      ecr.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  private static String repository(ImageTagMutability mutability) {
    String name = "rollback-test/app-" + NAMES.incrementAndGet();
    ecr.createRepository(r -> r.repositoryName(name).imageTagMutability(mutability));
    return name;
  }

  private static String push(String repository, String content, String... tags) throws Exception {
    return JibTestImages.push(
        registry.host(),
        registry.user(),
        registry.password(),
        repository,
        content,
        ImageFormat.Docker,
        tags);
  }

  private static Rollbacks rollbacks(String repository) {
    return new Rollbacks(ecr, null, repository, new RecordingLog());
  }

  private static Map<String, String> tags(String repository, String... tags) throws Exception {
    return TagState.digestsOf(ecr, null, repository, List.of(tags));
  }

  @Test
  void swapsTheTagsSoThatASecondRollBackRollsForward() throws Exception {
    String repository = repository(ImageTagMutability.MUTABLE);
    String one = push(repository, "one", "1.0.0", "prod-previous");
    String two = push(repository, "two", "1.1.0", "prod");

    RollbackPlan back = rollbacks(repository).plan(List.of("prod"), PREVIOUS, null);
    assertEquals(two, back.from());
    assertEquals(one, back.to());
    assertEquals(List.of("prod-previous"), back.toTags());
    assertTrue(back.toUri().endsWith("/" + repository + "@" + one), back.toUri());
    assertEquals(
        List.of("prod", "prod-previous"),
        rollbacks(repository).swap(back, List.of("prod"), PREVIOUS));
    assertEquals(
        Map.of("prod", one, "prod-previous", two), tags(repository, "prod", "prod-previous"));

    RollbackPlan forward = rollbacks(repository).plan(List.of("prod"), PREVIOUS, null);
    assertEquals(two, forward.to());
    rollbacks(repository).swap(forward, List.of("prod"), PREVIOUS);
    assertEquals(
        Map.of("prod", two, "prod-previous", one), tags(repository, "prod", "prod-previous"));
  }

  @Test
  void rollsBackToAnotherImageByTagOrDigest() throws Exception {
    String repository = repository(ImageTagMutability.MUTABLE);
    String one = push(repository, "one", "1.0.0");
    push(repository, "two", "1.1.0", "prod-previous");
    push(repository, "three", "1.2.0", "prod");

    assertEquals(one, rollbacks(repository).plan(List.of("prod"), PREVIOUS, "1.0.0").to());
    assertEquals(one, rollbacks(repository).plan(List.of("prod"), PREVIOUS, one).to());
  }

  @Test
  void refusesBeforeAnythingRuns() throws Exception {
    String repository = repository(ImageTagMutability.MUTABLE);
    push(repository, "one", "1.0.0", "prod");

    assertEquals(
        "Cannot roll back: no previous image, prod-previous does not exist in "
            + repository
            + " (a first release has none). Nothing was run. Choose an image with"
            + " -Decr.rollback.to=<tag or sha256:digest>.",
        assertThrows(
                EcrDeployException.class,
                () -> rollbacks(repository).plan(List.of("prod"), PREVIOUS, null))
            .getMessage());
    String expired = "sha256:" + "e".repeat(64);
    assertEquals(
        "Cannot roll back: "
            + expired
            + " is no longer in "
            + repository
            + " (expired by the lifecycle policy?). Nothing was run.",
        assertThrows(
                EcrDeployException.class,
                () -> rollbacks(repository).plan(List.of("prod"), PREVIOUS, expired))
            .getMessage());
    assertTrue(
        assertThrows(
                EcrDeployException.class,
                () -> rollbacks(repository).plan(List.of("prod"), PREVIOUS, "0.9.0"))
            .getMessage()
            .startsWith(
                "Cannot roll back: -Decr.rollback.to=0.9.0: no tag 0.9.0 in " + repository));
    assertTrue(
        assertThrows(
                EcrDeployException.class,
                () -> rollbacks(repository).plan(List.of("prod"), PREVIOUS, "1.0.0"))
            .getMessage()
            .startsWith("Cannot roll back: prod already points at "));
    assertEquals(Map.of("prod", tags(repository, "1.0.0").get("1.0.0")), tags(repository, "prod"));
  }

  @Test
  void refusesImmutableTags() throws Exception {
    String repository = repository(ImageTagMutability.IMMUTABLE);
    push(repository, "one", "1.0.0", "prod-previous");
    push(repository, "two", "1.1.0", "prod");

    assertTrue(
        assertThrows(
                EcrDeployException.class,
                () -> rollbacks(repository).plan(List.of("prod"), PREVIOUS, null))
            .getMessage()
            .startsWith(
                "Cannot roll back: <health><promoteTags> [prod] cannot move in "
                    + repository
                    + ", its tags are IMMUTABLE."));
  }
}
