package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Credential;
import io.github.ecrdeploy.image.BaseImage;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.ImageBuilder;
import io.github.ecrdeploy.image.ImageLayer;
import io.github.ecrdeploy.image.LayerKind;
import io.github.ecrdeploy.image.PushProgress;
import io.github.ecrdeploy.image.TestJars;
import io.github.ecrdeploy.testbed.BaseImageBuilder;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import io.github.ecrdeploy.testbed.FaultProxy;
import io.github.ecrdeploy.testbed.RegistryInspector;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * A push after a build without {@code image.tar}: when the repository already holds the base
 * layers, Jib pushes with the stand-ins the build left and asks the base image's registry nothing;
 * when it lacks one, the real layer is downloaded and uploaded (the registry checks every blob's
 * digest, so a stand-in's zeros could not land).
 */
class PushFromStandInsTest {
  @TempDir static Path dir;
  private static EmulatedEcr bed;
  private static TestRegistry registry;
  private static EcrEmulator emulator;
  private static FaultProxy baseRegistry;

  @BeforeAll
  static void start() throws Exception {
    EmulatedEcr.useAwsCredentials("AKIASTANDINSTEST0001", "stand-ins-test-secret");
    bed =
        EmulatedEcr.start(
                TestRegistry.builder(),
                registry ->
                    new BaseImageBuilder(BaseImageBuilder.defaultCacheDir(), line -> {})
                        .pushTo(registry, BaseImageBuilder.REPOSITORY_AND_TAG))
            .trustingRegistry();
    registry = bed.registry;
    emulator = bed.emulator;
    baseRegistry = FaultProxy.tls(registry);
  }

  @AfterAll
  static void stop() throws Exception {
    if (baseRegistry != null) {
      baseRegistry.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  private static Optional<Credential> credentials(String host) {
    return Optional.of(Credential.from(registry.user(), registry.password()));
  }

  private record Built(ContainerSpec spec, BuiltImage image) {}

  /** Builds without an archive, from the base image behind the proxy (by tag). */
  private static Built build(String version) throws Exception {
    Path project = dir.resolve("project-" + version);
    Path app = TestJars.jar(project.resolve("app.jar"), "com.example.Main", version);
    ContainerSpec spec =
        TestJars.spec(TestJars.baseTar(dir.resolve("unused")), app, List.of())
            .withFrom(
                BaseImage.parse(
                    baseRegistry.host() + "/" + BaseImageBuilder.REPOSITORY_AND_TAG, dir));
    BuiltImage image =
        new ImageBuilder(
                project.resolve("out"),
                dir.resolve("base-cache"),
                true,
                false,
                false,
                TestJars.QUIET)
            .build(spec, PushFromStandInsTest::credentials, "app:" + version, null);
    return new Built(spec, image);
  }

  private static PushResult push(Built built, String repository, String tag) throws Exception {
    EcrConnection connection = new EcrConnection("us-east-1", null, null, emulator.endpoint(), 0);
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      // a base layer cache of this push's own, as on a fresh CI runner: not filled by earlier
      // pushes
      JibUpload upload =
          new JibUpload(
              dir.resolve("push-base-cache-" + tag),
              true,
              0,
              PushProgress.Mode.QUIET,
              TestJars.QUIET);
      return new EcrPush(ecr, upload, new RegistryLogin(), TestJars.QUIET)
          .push(
              new EcrPush.Request(
                  connection,
                  repository,
                  true,
                  new RepositoryConfig(),
                  List.of(tag),
                  built.image(),
                  List.of(),
                  built.spec(),
                  PushFromStandInsTest::credentials));
    }
  }

  private static List<String> baseLayerDigests(BuiltImage image) {
    return image.layers().stream()
        .filter(layer -> layer.kind() == LayerKind.BASE)
        .map(ImageLayer::digest)
        .toList();
  }

  private static boolean downloaded(String digest) {
    return baseRegistry.exchanges().stream()
        .anyMatch(x -> x.method().equals("GET") && x.path().endsWith("/blobs/" + digest));
  }

  @Test
  void theBaseRegistryIsAskedNothingWhenTheRepositoryHoldsTheBaseLayers() throws Exception {
    String repository = "stand-ins/app";
    RegistryInspector inspector = new RegistryInspector(registry);

    Built first = build("1");
    assertTrue(
        Files.isDirectory(first.image().outputDirectory().resolve("base-layer-stand-ins")),
        "the build left no stand-ins for push");
    baseRegistry.reset();
    PushResult pushedFirst = push(first, repository, "1");

    assertEquals(first.image().digest(), pushedFirst.digest());
    assertTrue(
        baseLayerDigests(first.image()).stream().allMatch(PushFromStandInsTest::downloaded),
        "the repository lacked the base layers: they come from the base registry, not the"
            + " stand-ins: "
            + baseRegistry.exchanges());

    Built second = build("2");
    baseRegistry.reset();
    PushResult pushedSecond = push(second, repository, "2");

    assertEquals(second.image().digest(), pushedSecond.digest());
    assertEquals(List.of(), baseRegistry.exchanges(), "push asked the base registry");
    assertEquals(
        Map.of("1", first.image().digest(), "2", second.image().digest()),
        inspector.tags(repository));
    assertEquals(List.of(), inspector.incompleteTags(repository));
  }
}
