package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.DependencyJar;
import io.github.ecrdeploy.image.ImageBuilder;
import io.github.ecrdeploy.image.LayerKind;
import io.github.ecrdeploy.image.PushProgress;
import io.github.ecrdeploy.image.TestJars;
import io.github.ecrdeploy.lifecycle.ImageRecord;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import io.github.ecrdeploy.testbed.JibTestImages;
import io.github.ecrdeploy.testbed.RecordedCall;
import io.github.ecrdeploy.testbed.RegistryInspector;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * {@code <registryId>} of another account: the caller (the emulator's account, {@link
 * EcrEmulator#REGISTRY_ID}) pushes, applies lifecycle policies, promotes, rolls back and pulls base
 * images in account {@value #OTHER}'s registry, which has its own registry process and host, and
 * nothing lands in the caller's own registry.
 */
class CrossAccountTest {
  private static final String OTHER = "444455556666";

  /** The repository policy of the cross-account IT, which docs/push.md shows. */
  private static final Path REPOSITORY_POLICY =
      Path.of("src/it/deploy-cross-account/repository-policy.json");

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Function<String, Optional<String>> PREVIOUS =
      tag -> Optional.of(tag + "-previous");
  static EmulatedEcr bed;
  static TestRegistry registry;
  static TestRegistry otherRegistry;
  static EcrEmulator emulator;
  @TempDir static Path shared;
  static Path baseTar;

  @TempDir Path work;
  private EcrConnection connection;

  @BeforeAll
  static void start() throws Exception {
    EmulatedEcr.useAwsCredentials("AKIDCROSSACCOUNT", "cross-account-test-secret");
    bed = EmulatedEcr.start();
    registry = bed.registry;
    emulator = bed.emulator;
    otherRegistry = TestRegistry.builder().sameCertificateAs(registry).start();
    emulator.addAccount(OTHER, otherRegistry);
    baseTar = TestJars.baseTar(shared.resolve("base"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (otherRegistry != null) {
      otherRegistry.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  @BeforeEach
  void connect() {
    connection = new EcrConnection("us-east-1", null, OTHER, emulator.endpoint(), 2);
    emulator.clearCalls();
  }

  /**
   * A repository in the other account, created by its administrator, with the IT's repository
   * policy granting the caller's account (the docs' 111122223333 is the emulator's account here).
   */
  private static String grantedRepository(String mutability) throws Exception {
    String name = ungrantedRepository(mutability);
    emulator.setRepositoryPolicy(
        OTHER,
        name,
        Files.readString(REPOSITORY_POLICY).replace("111122223333", EcrEmulator.REGISTRY_ID));
    return name;
  }

  private static String ungrantedRepository(String mutability) {
    String name = "team/cross-" + NAMES.incrementAndGet();
    ObjectNode request =
        new ObjectMapper()
            .createObjectNode()
            .put("registryId", OTHER)
            .put("repositoryName", name)
            .put("imageTagMutability", mutability);
    emulator.createRepository(OTHER, request);
    return name;
  }

  private record Built(ContainerSpec spec, BuiltImage image) {}

  private Built build(String appContent) throws Exception {
    Path project = work.resolve("p-" + appContent);
    Path app = TestJars.jar(project.resolve("app.jar"), "com.example.Main", appContent);
    Path dep = TestJars.jar(project.resolve("lib-1.jar"), null, "lib");
    ContainerSpec spec =
        TestJars.spec(
            baseTar, app, List.of(new DependencyJar(dep, "com.example", LayerKind.DEPENDENCIES)));
    BuiltImage image =
        new ImageBuilder(
                project.resolve("out"), shared.resolve("cache"), true, false, false, TestJars.QUIET)
            .build(spec, host -> Optional.empty(), "app:1", null);
    return new Built(spec, image);
  }

  private PushResult push(Built built, String repository, boolean create, String... tags)
      throws EcrDeployException {
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      JibUpload upload =
          new JibUpload(
              shared.resolve("cache"),
              true,
              connection.retries(),
              PushProgress.Mode.QUIET,
              TestJars.QUIET);
      return new EcrPush(ecr, upload, new RegistryLogin(), TestJars.QUIET)
          .push(
              new EcrPush.Request(
                  connection,
                  repository,
                  create,
                  new RepositoryConfig(),
                  List.of(tags),
                  built.image(),
                  List.of(),
                  built.spec(),
                  host -> Optional.empty()));
    }
  }

  /** Every repository named in the caller's own account (none should be this test's). */
  private static List<String> ownRepositories() {
    return emulator.snapshot().path("repositories").findValuesAsText("repositoryName");
  }

  /** Every ECR call that named a repository named the other account's registry. */
  private static void assertEveryCallNamedTheOtherAccount() {
    for (RecordedCall call : emulator.calls()) {
      if (call.request().has("repositoryName") || call.request().has("repositoryNames")) {
        assertEquals(OTHER, call.request().path("registryId").asText(), call.toString());
      }
    }
  }

  @Test
  void pushLogsInToTheOtherAccountsRegistryAndPutsTheImageThere() throws Exception {
    String repository = grantedRepository("MUTABLE");
    Built built = build("one");
    PushResult result = push(built, repository, false, "1.0", "latest");

    String digest = built.image().digest();
    assertEquals(otherRegistry.host() + "/" + repository + "@" + digest, result.imageUri());
    List<RecordedCall> logins = emulator.calls("GetAuthorizationToken");
    assertEquals(1, logins.size());
    assertEquals(
        List.of(OTHER),
        List.of(logins.get(0).request().path("registryIds").get(0).asText()),
        logins.get(0).toString());
    assertEveryCallNamedTheOtherAccount();
    assertEquals(
        Map.of("1.0", digest, "latest", digest),
        new RegistryInspector(otherRegistry).tags(repository));
    assertEquals(Map.of(), new RegistryInspector(registry).tags(repository));
    assertFalse(ownRepositories().contains(repository), ownRepositories().toString());
    assertEquals(List.of(), emulator.registryRefusals());
  }

  @Test
  void withoutAGrantInTheRepositoryPolicyNothingIsUploaded() throws Exception {
    String repository = ungrantedRepository("MUTABLE");
    Built built = build("denied");
    EcrDeployException e =
        assertThrows(EcrDeployException.class, () -> push(built, repository, false, "1.0"));
    assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
    assertTrue(e.getMessage().contains("repository's policy must also grant"), e.getMessage());
    assertEquals(Map.of(), new RegistryInspector(otherRegistry).tags(repository));
    assertEquals(Map.of(), new RegistryInspector(registry).tags(repository));
  }

  @Test
  void aMissingRepositoryIsCreatedInNeitherAccount() throws Exception {
    String repository = "team/cross-missing-" + NAMES.incrementAndGet();
    Built built = build("missing");
    EcrDeployException e =
        assertThrows(EcrDeployException.class, () -> push(built, repository, true, "1.0"));
    assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
    assertTrue(
        e.getMessage().contains("Ask the administrator of account " + OTHER), e.getMessage());
    assertEquals(
        "RepositoryNotFoundException", emulator.calls("DescribeRepositories").get(0).errorType());
    assertFalse(ownRepositories().contains(repository));
    assertTrue(
        emulator.snapshot(OTHER).path("repositories").findValuesAsText("repositoryName").stream()
            .noneMatch(repository::equals));
  }

  @Test
  void lifecyclePolicyAndPreviewApplyToTheOtherAccountsRepository() throws Exception {
    String repository = grantedRepository("MUTABLE");
    Built built = build("lifecycle");
    push(built, repository, false, "v1");
    String policy =
        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\","
            + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":7},"
            + "\"action\":{\"type\":\"expire\"}}]}";
    emulator.clearCalls();
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      LifecycleApi api = new LifecycleApi(ecr, OTHER, repository);
      assertEquals(Optional.empty(), api.currentPolicy());
      api.putPolicy(policy);
      assertEquals(
          List.of(built.image().digest()), api.images().stream().map(ImageRecord::digest).toList());
      api.preview(policy, Duration.ofSeconds(30), Duration.ofMillis(10));
    }
    assertEveryCallNamedTheOtherAccount();
    assertEquals(List.of(policy), policies(emulator.snapshot(OTHER), repository));
    assertEquals(List.of(), policies(emulator.snapshot(), repository));
  }

  /** The lifecycle policy texts stored for {@code repository} in an emulator snapshot. */
  private static List<String> policies(JsonNode snapshot, String repository) {
    List<String> texts = new java.util.ArrayList<>();
    for (JsonNode stored : snapshot.path("repositories")) {
      if (stored.path("repositoryName").asText().equals(repository)
          && stored.has("lifecyclePolicyText")) {
        texts.add(stored.get("lifecyclePolicyText").asText());
      }
    }
    return texts;
  }

  @Test
  void promotionAndRollbackMoveTheOtherAccountsTags() throws Exception {
    String repository = grantedRepository("MUTABLE");
    Built one = build("release-one");
    Built two = build("release-two");
    push(one, repository, false, "1.0.0");
    push(two, repository, false, "1.1.0");
    String first = one.image().digest();
    String second = two.image().digest();
    emulator.clearCalls();
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      new TagPromotion(ecr, OTHER, repository, new RecordingLog()).promote(first, List.of("prod"));
      new TagPromotion(ecr, OTHER, repository, new RecordingLog()).promote(second, List.of("prod"));
      Rollbacks rollbacks = new Rollbacks(ecr, OTHER, repository, new RecordingLog());
      RollbackPlan back = rollbacks.plan(List.of("prod"), PREVIOUS, "1.0.0");
      assertEquals(first, back.to());
      assertEquals(otherRegistry.host() + "/" + repository + "@" + first, back.toUri());
      rollbacks.swap(back, List.of("prod"), PREVIOUS);
    }
    assertEveryCallNamedTheOtherAccount();
    Map<String, String> tags = new RegistryInspector(otherRegistry).tags(repository);
    assertEquals(first, tags.get("prod"));
    assertEquals(second, tags.get("prod-previous"));
    assertEquals(Map.of(), new RegistryInspector(registry).tags(repository));
  }

  @Test
  void baseImageLoginIsTheOtherAccountsAndWorksOnlyThere() throws Exception {
    String repository = grantedRepository("MUTABLE");
    String digest =
        JibTestImages.push(
            otherRegistry.host(),
            otherRegistry.user(),
            otherRegistry.password(),
            repository,
            "base",
            ImageFormat.OCI,
            "17");
    RegistryLogin logins = new RegistryLogin();
    Credential forced =
        EcrBaseImageLogin.forHost(otherRegistry.host(), connection, true, logins, TestJars.QUIET)
            .orElseThrow();
    assertEquals(200, manifestStatus(otherRegistry, repository, digest, forced));
    assertEquals(401, manifestStatus(registry, repository, digest, forced));
    assertEquals(
        List.of(OTHER),
        emulator.calls("GetAuthorizationToken").stream()
            .map(call -> call.request().path("registryIds").path(0).asText())
            .toList());

    // an ECR host name says the account itself, also without <registryId>
    emulator.clearCalls();
    EcrConnection own = new EcrConnection("us-east-1", null, null, emulator.endpoint(), 2);
    EcrBaseImageLogin.forHost(
        OTHER + ".dkr.ecr.us-east-1.amazonaws.com",
        own,
        false,
        new RegistryLogin(),
        TestJars.QUIET);
    assertEquals(
        OTHER,
        emulator
            .calls("GetAuthorizationToken")
            .get(0)
            .request()
            .path("registryIds")
            .path(0)
            .asText());
  }

  private static int manifestStatus(
      TestRegistry at, String repository, String digest, Credential credential) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(registry.sslContext()).build();
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (credential.getUsername() + ":" + credential.getPassword())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("https://" + at.host() + "/v2/" + repository + "/manifests/" + digest))
            .header("Authorization", "Basic " + basic)
            .header("Accept", "application/vnd.oci.image.manifest.v1+json")
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
