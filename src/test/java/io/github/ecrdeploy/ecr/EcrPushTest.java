package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.DependencyJar;
import io.github.ecrdeploy.image.ImageBuilder;
import io.github.ecrdeploy.image.LayerKind;
import io.github.ecrdeploy.image.PushProgress;
import io.github.ecrdeploy.image.TestJars;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import io.github.ecrdeploy.testbed.RecordedCall;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The push against a real registry and the ECR emulator, through the real AWS SDK client. */
class EcrPushTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  static EmulatedEcr bed;
  static TestRegistry registry;
  static EcrEmulator emulator;
  @TempDir static Path shared;
  static Path baseTar;

  @TempDir Path work;
  private EcrConnection connection;

  @BeforeAll
  static void start() throws Exception {
    EmulatedEcr.useAwsCredentials("AKIDPUSHTEST", "push-test-secret");
    bed = EmulatedEcr.start();
    registry = bed.registry;
    emulator = bed.emulator;
    baseTar = TestJars.baseTar(shared.resolve("base"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (bed != null) {
      bed.close();
    }
  }

  @BeforeEach
  void connect() {
    connection = new EcrConnection("us-east-1", null, null, emulator.endpoint(), 2);
    emulator.clearCalls();
  }

  private static String uniqueRepository() {
    return "push-test/app-" + NAMES.incrementAndGet();
  }

  private record Built(ContainerSpec spec, BuiltImage image, Path output) {}

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
    return new Built(spec, image, project.resolve("out"));
  }

  private PushResult push(
      Built built, String repository, boolean create, RepositoryConfig settings, String... tags)
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
                  settings,
                  List.of(tags),
                  built.image(),
                  List.of(),
                  built.spec(),
                  host -> Optional.empty()));
    }
  }

  private static long calls(String operation) {
    return emulator.calls().stream().map(RecordedCall::operation).filter(operation::equals).count();
  }

  @Test
  void pushCreatesTheRepositoryAndPointsEveryTagAtTheBuiltDigest() throws Exception {
    Built built = build("one");
    String repository = uniqueRepository();
    PushResult result = push(built, repository, true, new RepositoryConfig(), "1.0", "latest");
    assertEquals(built.image().digest(), result.digest());
    assertEquals(
        registry.host() + "/" + repository + "@" + built.image().digest(), result.imageUri());
    assertEquals(List.of("1.0", "latest"), result.tagsMoved());
    assertEquals("MUTABLE", result.tagMutability());
    assertEquals(built.image().layers().size(), result.layersUploaded());
    assertTrue(result.bytesUploaded() > 0);
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      assertEquals(
          java.util.Map.of("1.0", built.image().digest(), "latest", built.image().digest()),
          TagState.digestsOf(ecr, null, repository, List.of("1.0", "latest")));
    }
    assertEquals(1, calls("CreateRepository"));
  }

  @Test
  void samePushAgainUploadsNothingAndPutsNoManifest() throws Exception {
    Built built = build("two");
    String repository = uniqueRepository();
    RepositoryConfig immutable = new RepositoryConfig();
    immutable.setTagMutability("IMMUTABLE");
    push(built, repository, true, immutable, "1.0");
    emulator.clearCalls();
    PushResult again = push(built, repository, true, immutable, "1.0");
    assertEquals(0, again.bytesUploaded());
    assertEquals(0, again.layersUploaded());
    assertEquals(List.of("1.0"), again.tagsUnchanged());
    assertEquals("IMMUTABLE", again.tagMutability());
    assertEquals(0, calls("PutImage"));
    assertEquals(0, calls("BatchCheckLayerAvailability"));
    assertEquals(1, calls("BatchGetImage"), "one BatchGetImage answers for the image and the tags");
  }

  @Test
  void onlyTheChangedLayerIsUploadedAfterACodeChange() throws Exception {
    String repository = uniqueRepository();
    push(build("v1"), repository, true, new RepositoryConfig(), "1");
    Built changed = build("v2");
    emulator.clearCalls();
    PushResult result = push(changed, repository, true, new RepositoryConfig(), "2", "latest");
    assertEquals(1, result.layersUploaded());
    assertEquals(
        1,
        calls("BatchGetImage"),
        "the tags are written with the manifest build kept, not one fetched again");
    assertEquals(1, calls("DescribeRepositories"));
    assertEquals(2, calls("PutImage"));
    long applicationSize =
        changed.image().layers().stream()
            .filter(l -> l.kind() == LayerKind.APPLICATION)
            .findFirst()
            .orElseThrow()
            .sizeBytes();
    assertEquals(applicationSize, result.bytesUploaded());
  }

  @Test
  void anotherImageUnderAnImmutableTagFailsBeforeUploadingNamingBothDigests() throws Exception {
    String repository = uniqueRepository();
    RepositoryConfig immutable = new RepositoryConfig();
    immutable.setTagMutability("IMMUTABLE");
    Built first = build("first");
    push(first, repository, true, immutable, "1.0");
    Built second = build("second");
    emulator.clearCalls();
    EcrDeployException e =
        assertThrows(
            EcrDeployException.class, () -> push(second, repository, true, immutable, "1.0"));
    assertTrue(
        e.getMessage()
            .contains(
                "tag '1.0' points at "
                    + first.image().digest()
                    + ", this build is "
                    + second.image().digest()),
        e.getMessage());
    assertEquals(0, calls("PutImage"));
    assertEquals(0, calls("BatchCheckLayerAvailability"));
  }

  @Test
  void immutableWithExclusionMovesExcludedTagsAndRefusesOthersBeforeUploading() throws Exception {
    String repository = uniqueRepository();
    RepositoryConfig settings = new RepositoryConfig();
    settings.setTagMutability("IMMUTABLE_WITH_EXCLUSION");
    settings.setTagMutabilityExclusions(List.of("latest", "main-*"));
    Built first = build("iwe-first");
    push(first, repository, true, settings, "1.0", "latest", "main-1");
    RecordedCall create = emulator.calls("CreateRepository").get(0);
    assertEquals(
        "[{\"filterType\":\"WILDCARD\",\"filter\":\"latest\"},"
            + "{\"filterType\":\"WILDCARD\",\"filter\":\"main-*\"}]",
        create.request().get("imageTagMutabilityExclusionFilters").toString());
    Built second = build("iwe-second");
    PushResult moved = push(second, repository, true, settings, "latest", "main-1");
    assertEquals(List.of("latest", "main-1"), moved.tagsMoved());
    Built third = build("iwe-third");
    emulator.clearCalls();
    EcrDeployException e =
        assertThrows(
            EcrDeployException.class,
            () -> push(third, repository, true, settings, "latest", "1.0"));
    assertTrue(
        e.getMessage()
            .contains(
                "has immutable tags, and tag '1.0' points at "
                    + first.image().digest()
                    + ", this build is "
                    + third.image().digest()
                    + " (immutable: tagMutability IMMUTABLE_WITH_EXCLUSION, no exclusion filter of"
                    + " [latest, main-*] matches it). Nothing was pushed."),
        e.getMessage());
    assertEquals(0, calls("PutImage"));
    assertEquals(0, calls("BatchCheckLayerAvailability"));
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      assertEquals(
          java.util.Map.of(
              "1.0", first.image().digest(),
              "latest", second.image().digest(),
              "main-1", second.image().digest()),
          TagState.digestsOf(ecr, null, repository, List.of("1.0", "latest", "main-1")));
    }
  }

  @Test
  void mutableWithExclusionRefusesMovingATagThatMatchesAFilterNamingIt() throws Exception {
    String repository = uniqueRepository();
    RepositoryConfig settings = new RepositoryConfig();
    settings.setTagMutability("MUTABLE_WITH_EXCLUSION");
    settings.setTagMutabilityExclusions(List.of("release-*"));
    Built first = build("mwe-first");
    push(first, repository, true, settings, "1.0", "release-1");
    Built second = build("mwe-second");
    assertEquals(List.of("1.0"), push(second, repository, true, settings, "1.0").tagsMoved());
    emulator.clearCalls();
    EcrDeployException e =
        assertThrows(
            EcrDeployException.class, () -> push(second, repository, true, settings, "release-1"));
    assertTrue(
        e.getMessage()
            .contains(
                "tag 'release-1' points at "
                    + first.image().digest()
                    + ", this build is "
                    + second.image().digest()
                    + " (immutable: tagMutability MUTABLE_WITH_EXCLUSION, filter 'release-*')"),
        e.getMessage());
    assertEquals(0, calls("PutImage"));
  }

  @Test
  void pushWith120TagsLooksThemUpInChunksOfAtMost100ImageIds() throws Exception {
    String repository = uniqueRepository();
    Built built = build("many-tags");
    String[] tags =
        java.util.stream.IntStream.rangeClosed(1, 120)
            .mapToObj(i -> "t" + i)
            .toArray(String[]::new);
    PushResult first = push(built, repository, true, new RepositoryConfig(), tags);
    assertEquals(120, first.tagsMoved().size());
    emulator.clearCalls();
    PushResult again = push(built, repository, true, new RepositoryConfig(), tags);
    assertEquals(120, again.tagsUnchanged().size());
    List<Integer> idsPerCall =
        emulator.calls("BatchGetImage").stream()
            .map(c -> c.request().get("imageIds").size())
            .toList();
    assertEquals(List.of(100, 21), idsPerCall, "the digest and 120 tags, at most 100 ids per call");
    assertEquals(0, calls("PutImage"));
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      java.util.Map<String, String> digests =
          TagState.digestsOf(ecr, null, repository, List.of(tags));
      assertEquals(120, digests.size());
      assertTrue(digests.values().stream().allMatch(built.image().digest()::equals));
    }
  }

  @Test
  void registryThrottlingWith429IsRetriedWithinTheRetries() throws Exception {
    String repository = uniqueRepository();
    Built built = build("throttled-registry");
    // One refusal per attempt whatever the order of the parallel layer uploads: a blob upload is
    // refused in the first attempt, the manifest in the second (it comes after every blob), and the
    // third of the 1 + 2 attempts succeeds. Two refused blob uploads could fall into one attempt or
    // two, depending on how the layers' threads interleave.
    emulator.failRegistryNext(
        "POST", "/v2/" + repository + "/blobs/uploads/?", 1, 429, "TOOMANYREQUESTS");
    emulator.failRegistryNext(
        "PUT", "/v2/" + repository + "/manifests/.+", 1, 429, "TOOMANYREQUESTS");
    PushResult result = push(built, repository, true, new RepositoryConfig(), "1.0");
    assertEquals(built.image().digest(), result.digest());
    assertEquals(
        2,
        emulator.registryRefusals().stream()
            .filter(r -> r.contains("/v2/" + repository + "/") && r.endsWith("429 TOOMANYREQUESTS"))
            .count(),
        emulator.registryRefusals().toString());
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      assertEquals(
          java.util.Map.of("1.0", built.image().digest()),
          TagState.digestsOf(ecr, null, repository, List.of("1.0")));
    }
  }

  @Test
  void aPushWhoseImageParametersAreNotBuildsSaysSoAndMovesNoTag() throws Exception {
    Built built = build("parameters");
    ContainerSpec spec = built.spec();
    ContainerSpec onlyOnBuild =
        new ContainerSpec(
            spec.from(),
            spec.applicationJar(),
            spec.dependencies(),
            spec.extraDirectories(),
            spec.mainClass(),
            List.of("-Xmx96m"),
            spec.args(),
            spec.entrypoint(),
            spec.environment(),
            spec.ports(),
            spec.labels(),
            spec.user(),
            spec.workingDirectory(),
            spec.appRoot(),
            spec.creationTime(),
            spec.version(),
            spec.unpackDirectory());
    String repository = uniqueRepository();
    EcrDeployException e =
        assertThrows(
            EcrDeployException.class,
            () ->
                push(
                    new Built(onlyOnBuild, built.image(), built.output()),
                    repository,
                    true,
                    new RepositoryConfig(),
                    "1"));
    assertTrue(e.getMessage().contains("set only in the build goal's <execution>"), e.getMessage());
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      assertEquals(java.util.Map.of(), TagState.digestsOf(ecr, null, repository, List.of("1")));
    }
  }

  @Test
  void missingRepositoryWithoutCreateFailsNamingTheParameter() throws Exception {
    Built built = build("three");
    String repository = uniqueRepository();
    EcrDeployException e =
        assertThrows(
            EcrDeployException.class,
            () -> push(built, repository, false, new RepositoryConfig(), "1"));
    assertTrue(e.getMessage().contains("<createRepository> is false"), e.getMessage());
    assertEquals(0, calls("CreateRepository"));
  }

  @Test
  void throttledLoginIsRetriedBySdkStrategy() throws Exception {
    emulator.failNext("GetAuthorizationToken", 2, "ThrottlingException", 400);
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      RegistryCredentials login = new RegistryLogin().credentials(ecr, connection, TestJars.QUIET);
      assertEquals(registry.host(), login.host());
      assertEquals("AWS", login.username());
      assertTrue(!login.toString().contains(login.password()));
    }
    assertEquals(3, calls("GetAuthorizationToken"));
  }

  @Test
  void concurrentModulesOfOneBuildShareOneTokenAndANewBuildGetsItsOwn() throws Exception {
    RegistryLogin build = new RegistryLogin();
    ExecutorService modules = Executors.newFixedThreadPool(4);
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      List<Future<RegistryCredentials>> logins = new ArrayList<>();
      for (int module = 0; module < 8; module++) {
        logins.add(modules.submit(() -> build.credentials(ecr, connection, TestJars.QUIET)));
      }
      for (Future<RegistryCredentials> login : logins) {
        assertSame(logins.get(0).get(), login.get());
      }
      assertEquals(1, calls("GetAuthorizationToken"));

      new RegistryLogin().credentials(ecr, connection, TestJars.QUIET);
      assertEquals(
          2,
          calls("GetAuthorizationToken"),
          "a new build must not reuse the previous build's token");
    } finally {
      modules.shutdownNow();
    }
  }

  @Test
  void loginWithoutRegistryIdAsksForTheCallersOwnRegistry() throws Exception {
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      new RegistryLogin().credentials(ecr, connection, TestJars.QUIET);
    }
    RecordedCall login = emulator.calls("GetAuthorizationToken").get(0);
    assertTrue(!login.request().has("registryIds"), login.toString());
  }

  @Test
  void loginWithRegistryIdNamesThatRegistryAndKeepsItsProxyEndpoint() throws Exception {
    EcrConnection withId =
        new EcrConnection("us-east-1", null, EcrEmulator.REGISTRY_ID, emulator.endpoint(), 2);
    try (EcrClient ecr = EcrClients.create(withId, TestJars.QUIET)) {
      RegistryCredentials login = new RegistryLogin().credentials(ecr, withId, TestJars.QUIET);
      assertEquals(registry.host(), login.host());
    }
    RecordedCall login = emulator.calls("GetAuthorizationToken").get(0);
    assertEquals(
        EcrEmulator.REGISTRY_ID, login.request().path("registryIds").path(0).asText(), "" + login);
    assertEquals(1, login.request().path("registryIds").size());
  }

  @Test
  void loginAnsweredWithAnotherAccountsRegistryFailsNamingRegistryId() throws Exception {
    emulator.setProxyEndpoint("https://999988887777.dkr.ecr.us-east-1.amazonaws.com");
    EcrConnection withId =
        new EcrConnection("us-east-1", null, EcrEmulator.REGISTRY_ID, emulator.endpoint(), 2);
    try (EcrClient ecr = EcrClients.create(withId, TestJars.QUIET)) {
      EcrDeployException e =
          assertThrows(
              EcrDeployException.class,
              () -> new RegistryLogin().credentials(ecr, withId, TestJars.QUIET));
      assertEquals(
          "GetAuthorizationToken for <registryId> (ecr.registryId) "
              + EcrEmulator.REGISTRY_ID
              + " answered the registry 999988887777.dkr.ecr.us-east-1.amazonaws.com of another"
              + " account: check <registryId> and <endpoint>",
          e.getMessage());
    } finally {
      emulator.setProxyEndpoint(null);
    }
  }
}
