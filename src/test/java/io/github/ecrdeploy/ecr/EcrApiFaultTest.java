package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.Secrets;
import io.github.ecrdeploy.testbed.JibTestImages;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The ECR API half of the fault matrix, with the emulator's fault injection and the real SDK
 * client: throttling and server errors are retried by the SDK within {@code <retries>}, each retry
 * logged with its cause; what stays broken fails with one line and a hint; a promotion that fails
 * half-way moves its tags back.
 */
class EcrApiFaultTest {
  private static final String POLICY =
      "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
          + "\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";

  @TempDir static Path dir;
  static FaultBed bed;

  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void start() throws Exception {
    bed = FaultBed.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (bed != null) {
      bed.close();
    }
  }

  @BeforeEach
  void clean() {
    bed.reset();
  }

  @AfterEach
  void noSecretsLogged() {
    Secrets.assertAbsent("the build log", log.text());
  }

  private List<String> retries(String operation) {
    return log.warnings().stream()
        .filter(w -> w.startsWith("Retrying ECR " + operation + " "))
        .toList();
  }

  private void assertThreeRetriesAfter(String operation, String cause) {
    List<String> retries = retries(operation);
    assertEquals(3, retries.size(), log.text());
    retries.forEach(retry -> assertTrue(retry.endsWith("after " + cause), retry));
  }

  private static EcrDeployException oneLine(EcrDeployException e) {
    Secrets.assertAbsent(e);
    assertFalse(e.getMessage().contains("\n"), "not one line: " + e.getMessage());
    return e;
  }

  @Test
  void throttledGetAuthorizationTokenSucceedsWithinTheRetries() throws Exception {
    bed.emulator.failNext("GetAuthorizationToken", 3, "ThrottlingException", 400);
    EcrConnection connection = bed.connection(5);
    try (EcrClient ecr = EcrClients.create(connection, log)) {
      RegistryCredentials login = new RegistryLogin().credentials(ecr, connection, log);
      assertEquals(Secrets.REGISTRY_PASSWORD, login.password());
    }
    assertEquals(4, bed.calls("GetAuthorizationToken"));
    assertThreeRetriesAfter("GetAuthorizationToken", "HTTP 400 ThrottlingException");
  }

  @Test
  void throttledDescribeImagesSucceedsWithinTheRetries() throws Exception {
    String repository = FaultBed.uniqueRepository("describe");
    bed.emulator.createRepository(repository, "MUTABLE");
    JibTestImages.push(
        registryHost(), "AWS", Secrets.REGISTRY_PASSWORD, repository, "one", ImageFormat.OCI, "1");
    bed.emulator.failNext("DescribeImages", 3, "ThrottlingException", 400);
    try (EcrClient ecr = EcrClients.create(bed.connection(5), log)) {
      assertEquals(1, new LifecycleApi(ecr, null, repository).images().size());
    }
    assertThreeRetriesAfter("DescribeImages", "HTTP 400 ThrottlingException");
  }

  @Test
  void throttledPutLifecyclePolicySucceedsWithinTheRetries() throws Exception {
    String repository = FaultBed.uniqueRepository("policy");
    bed.emulator.createRepository(repository, "MUTABLE");
    bed.emulator.failNext("PutLifecyclePolicy", 3, "ThrottlingException", 400);
    try (EcrClient ecr = EcrClients.create(bed.connection(5), log)) {
      LifecycleApi api = new LifecycleApi(ecr, null, repository);
      api.putPolicy(POLICY);
      assertTrue(api.currentPolicy().isPresent());
    }
    assertEquals(4, bed.calls("PutLifecyclePolicy"));
    assertThreeRetriesAfter("PutLifecyclePolicy", "HTTP 400 ThrottlingException");
  }

  @Test
  void throttlingBeyondTheRetriesFailsWithAHint() throws Exception {
    bed.emulator.failNext("GetAuthorizationToken", 10, "ThrottlingException", 400);
    EcrConnection connection = bed.connection(2);
    try (EcrClient ecr = EcrClients.create(connection, log)) {
      EcrDeployException e =
          oneLine(
              assertThrows(
                  EcrDeployException.class,
                  () -> new RegistryLogin().credentials(ecr, connection, log)));
      assertTrue(e.getMessage().contains("ThrottlingException"), e.getMessage());
      assertTrue(e.getMessage().contains("raise <retries>"), e.getMessage());
    }
    assertEquals(3, bed.calls("GetAuthorizationToken"));
  }

  @Test
  void serverErrorOnPutImageDuringPromotionIsRetried() throws Exception {
    Promotion promotion = promotionFixture("promote-retry");
    bed.emulator.failNext("PutImage", 2, "ServerException", 500);

    try (EcrClient ecr = EcrClients.create(bed.connection(3), log)) {
      new TagPromotion(ecr, null, promotion.repository, log)
          .promote(promotion.next, List.of("latest", "prod"));
    }

    assertEquals(
        Map.of("latest", promotion.next, "prod", promotion.next, "2", promotion.next),
        bed.inspector.tags(promotion.repository));
    assertEquals(2, retries("PutImage").size(), log.text());
    retries("PutImage")
        .forEach(retry -> assertTrue(retry.endsWith("after HTTP 500 ServerException"), retry));
  }

  @Test
  void persistentServerErrorOnPutImageLeavesThePromotedTagsWhereTheyWere() throws Exception {
    Promotion promotion = promotionFixture("promote-down");
    bed.emulator.failNext("PutImage", 10, "ServerException", 500);

    try (EcrClient ecr = EcrClients.create(bed.connection(2), log)) {
      TagPromotion tags = new TagPromotion(ecr, null, promotion.repository, log);
      EcrDeployException e =
          oneLine(
              assertThrows(
                  EcrDeployException.class,
                  () -> tags.promote(promotion.next, List.of("latest", "prod"))));
      assertTrue(e.getMessage().contains("ServerException"), e.getMessage());
      assertTrue(e.getMessage().contains("No promoted tag was moved"), e.getMessage());
    }

    assertEquals(promotion.before(), bed.inspector.tags(promotion.repository));
    assertPromotionConvergesOnTheNextRun(promotion);
  }

  @Test
  void promotionThatFailsHalfWayMovesTheFirstTagBack() throws Exception {
    Promotion promotion = promotionFixture("promote-half");
    // latest moves; prod fails on every attempt (3 with <retries> 2); then latest goes back.
    bed.emulator.failAfter("PutImage", 1, 3, "ServerException", 500);

    try (EcrClient ecr = EcrClients.create(bed.connection(2), log)) {
      TagPromotion tags = new TagPromotion(ecr, null, promotion.repository, log);
      EcrDeployException e =
          oneLine(
              assertThrows(
                  EcrDeployException.class,
                  () -> tags.promote(promotion.next, List.of("latest", "prod"))));
      assertTrue(
          e.getMessage().contains("[latest] that had moved were moved back"), e.getMessage());
    }

    assertEquals(promotion.before(), bed.inspector.tags(promotion.repository));
    assertEquals(5, bed.calls("PutImage"), "latest, 3 attempts for prod, latest back");
    assertPromotionConvergesOnTheNextRun(promotion);
  }

  private void assertPromotionConvergesOnTheNextRun(Promotion promotion) throws Exception {
    bed.emulator.clearFaults();
    try (EcrClient ecr = EcrClients.create(bed.connection(2), log)) {
      new TagPromotion(ecr, null, promotion.repository, log)
          .promote(promotion.next, List.of("latest", "prod"));
    }
    assertEquals(
        Map.of("latest", promotion.next, "prod", promotion.next, "2", promotion.next),
        bed.inspector.tags(promotion.repository));
  }

  @Test
  void pushWhoseSecondTagCannotBeWrittenLeavesOnlyCompleteImagesTaggedAndConvergesOnTheNextRun()
      throws Exception {
    String repository = FaultBed.uniqueRepository("tagging");
    bed.emulator.failAfter("PutImage", 1, 10, "ServerException", 500);

    EcrDeployException e =
        oneLine(
            assertThrows(
                EcrDeployException.class, () -> bed.push(repository, 1, log, "1.0", "latest")));

    assertTrue(e.getMessage().contains("ECR PutImage failed: ServerException"), e.getMessage());
    assertTrue(e.getMessage().contains("run deploy again later"), e.getMessage());
    assertEquals(Map.of("1.0", bed.image.digest()), bed.inspector.tags(repository));
    assertEquals(List.of(), bed.inspector.incompleteTags(repository));

    bed.emulator.clearFaults();
    PushResult again = bed.push(repository, 1, log, "1.0", "latest");
    assertEquals(List.of("latest"), again.tagsMoved());
    assertEquals(0, again.layersUploaded());
    assertEquals(
        Map.of("1.0", bed.image.digest(), "latest", bed.image.digest()),
        bed.inspector.tags(repository));
  }

  /** The error types the emulator recorded for an operation's calls, "ok" for a success. */
  private static List<String> outcomes(String operation) {
    return bed.emulator.calls(operation).stream()
        .map(call -> call.errorType() == null ? "ok" : call.errorType())
        .toList();
  }

  @Test
  void createRepositoryWhoseAnswerWasLostUsesTheRepositoryItCreated() throws Exception {
    String repository = FaultBed.uniqueRepository("created-twice");
    bed.emulator.loseAnswers("CreateRepository", 0, 1);

    PushResult result = bed.push(repository, 2, log, "1.0");

    assertEquals(
        List.of("AnswerLost", "RepositoryAlreadyExistsException"), outcomes("CreateRepository"));
    assertEquals(List.of("1.0"), result.tagsMoved());
    assertEquals(Map.of("1.0", bed.image.digest()), bed.inspector.tags(repository));
    assertTrue(log.text().contains("already exists (created by another build"), log.text());
  }

  @Test
  void putImageWhoseAnswerWasLostIsANoOpWhenRetried() throws Exception {
    String repository = FaultBed.uniqueRepository("tagged-twice");
    bed.emulator.loseAnswers("PutImage", 0, 1);

    PushResult result = bed.push(repository, 2, log, "1.0", "latest");

    assertEquals(List.of("AnswerLost", "ImageAlreadyExistsException", "ok"), outcomes("PutImage"));
    assertEquals(List.of("1.0", "latest"), result.tagsMoved());
    assertEquals(
        Map.of("1.0", bed.image.digest(), "latest", bed.image.digest()),
        bed.inspector.tags(repository));
  }

  @Test
  void putLifecyclePolicyWhoseAnswerWasLostIsRetried() throws Exception {
    String repository = FaultBed.uniqueRepository("policy-twice");
    bed.emulator.createRepository(repository, "MUTABLE");
    bed.emulator.loseAnswers("PutLifecyclePolicy", 0, 1);
    try (EcrClient ecr = EcrClients.create(bed.connection(2), log)) {
      LifecycleApi api = new LifecycleApi(ecr, null, repository);
      api.putPolicy(POLICY);
      assertTrue(api.currentPolicy().isPresent());
    }
    assertEquals(List.of("AnswerLost", "ok"), outcomes("PutLifecyclePolicy"));
  }

  @Test
  void unreachableEcrApiFailsWithTheCauseAndAHint() throws Exception {
    EcrConnection connection =
        new EcrConnection(
            "us-east-1", null, null, URI.create("http://127.0.0.1:" + TestRegistry.freePort()), 2);
    try (EcrClient ecr = EcrClients.create(connection, log)) {
      EcrDeployException e =
          oneLine(
              assertThrows(
                  EcrDeployException.class,
                  () -> new RegistryLogin().credentials(ecr, connection, log)));
      assertTrue(
          e.getMessage().startsWith("Cannot reach the ECR API for GetAuthorizationToken"),
          e.getMessage());
      assertTrue(
          e.getMessage().contains("Check <endpoint>, <region> and the network"), e.getMessage());
    }
    assertEquals(2, retries("GetAuthorizationToken").size(), log.text());
    retries("GetAuthorizationToken")
        .forEach(
            retry ->
                assertTrue(
                    retry.endsWith("after no answer (connection failed or timed out)"), retry));
  }

  @Test
  void ecrEndpointThatDoesNotResolveFailsWithTheCauseAndAHint() throws Exception {
    EcrConnection connection =
        new EcrConnection(
            "us-east-1", null, null, URI.create("http://ecr.no-such-host.invalid"), 1);
    try (EcrClient ecr = EcrClients.create(connection, log)) {
      EcrDeployException e =
          oneLine(
              assertThrows(
                  EcrDeployException.class,
                  () -> new RegistryLogin().credentials(ecr, connection, log)));
      assertTrue(e.getMessage().contains("ecr.no-such-host.invalid"), e.getMessage());
      assertTrue(
          e.getMessage().contains("Check <endpoint>, <region> and the network"), e.getMessage());
    }
  }

  private static String registryHost() {
    return bed.registry.host();
  }

  /** A repository where latest and prod point at an old image, and a new image is pushed as 2. */
  private record Promotion(String repository, String old, String next) {
    Map<String, String> before() {
      return Map.of("latest", old, "prod", old, "2", next);
    }
  }

  private Promotion promotionFixture(String name) throws Exception {
    String repository = FaultBed.uniqueRepository(name);
    bed.emulator.createRepository(repository, "MUTABLE");
    String old =
        JibTestImages.push(
            registryHost(),
            "AWS",
            Secrets.REGISTRY_PASSWORD,
            repository,
            "old",
            ImageFormat.OCI,
            "latest",
            "prod");
    String next =
        JibTestImages.push(
            registryHost(),
            "AWS",
            Secrets.REGISTRY_PASSWORD,
            repository,
            "new",
            ImageFormat.OCI,
            "2");
    bed.emulator.clearCalls();
    return new Promotion(repository, old, next);
  }
}
