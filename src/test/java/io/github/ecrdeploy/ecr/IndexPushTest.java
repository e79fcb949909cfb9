package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Credential;
import io.github.ecrdeploy.image.BaseImage;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.ImageIndex;
import io.github.ecrdeploy.image.ImagePlatform;
import io.github.ecrdeploy.image.MultiPlatformBuilder;
import io.github.ecrdeploy.image.PlatformList;
import io.github.ecrdeploy.image.PushProgress;
import io.github.ecrdeploy.image.TestJars;
import io.github.ecrdeploy.testbed.BaseImageBuilder;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** The push of a multi-platform build through the ECR emulator to a real registry. */
class IndexPushTest {
  @TempDir static Path dir;
  private static EmulatedEcr bed;
  private static TestRegistry registry;
  private static EcrEmulator emulator;
  private static ContainerSpec spec;
  private static BuiltImage built;
  private static Path out;

  @BeforeAll
  static void buildImages() throws Exception {
    EmulatedEcr.useAwsCredentials("AKIAINDEXPUSHTEST001", "index-push-test-secret");
    bed =
        EmulatedEcr.start(
                TestRegistry.builder(),
                registry ->
                    new BaseImageBuilder(BaseImageBuilder.defaultCacheDir(), line -> {})
                        .pushMultiPlatformTo(
                            registry, BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG))
            .trustingRegistry();
    registry = bed.registry;
    emulator = bed.emulator;
    Path app = TestJars.jar(dir.resolve("app.jar"), "com.example.Main", "index push");
    spec =
        TestJars.spec(TestJars.baseTar(dir.resolve("unused")), app, List.of())
            .withFrom(
                BaseImage.parse(
                    registry.host() + "/" + BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG,
                    dir));
    out = dir.resolve("target/ecr-deploy");
    built =
        new MultiPlatformBuilder(
                out, dir.resolve("base-cache"), false, false, false, TestJars.QUIET)
            .build(
                spec,
                IndexPushTest::credentials,
                "app:1",
                null,
                PlatformList.parse(List.of("linux/amd64", "linux/arm64")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (bed != null) {
      bed.close();
    }
  }

  private static Optional<Credential> credentials(String host) {
    return Optional.of(Credential.from(registry.user(), registry.password()));
  }

  private static EcrConnection connection() {
    return new EcrConnection("us-east-1", null, null, emulator.endpoint(), 0);
  }

  private static PushResult push(BuiltImage image, String repository, String... tags)
      throws EcrDeployException {
    EcrConnection connection = connection();
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      return ecrPush(ecr).push(request(connection, repository, image, tags));
    }
  }

  private static EcrPush ecrPush(EcrClient ecr) {
    JibUpload upload =
        new JibUpload(dir.resolve("base-cache"), false, 0, PushProgress.Mode.QUIET, TestJars.QUIET);
    return new EcrPush(ecr, upload, new RegistryLogin(), TestJars.QUIET);
  }

  private static EcrPush.Request request(
      EcrConnection connection, String repository, BuiltImage image, String... tags) {
    return new EcrPush.Request(
        connection,
        repository,
        true,
        new RepositoryConfig(),
        List.of(tags),
        image,
        List.of(),
        spec,
        IndexPushTest::credentials);
  }

  /** {@code built} with {@code index} as the index build wrote, in a directory of its own. */
  private static BuiltImage withIndex(String name, ImageIndex index) throws Exception {
    Path directory = dir.resolve(name);
    index.write(directory.resolve(ImageIndex.FILE_NAME));
    return new BuiltImage(
        index.digest(),
        null,
        built.sizeBytes(),
        built.baseImage(),
        built.baseImageDigest(),
        built.created(),
        null,
        directory.toString(),
        List.of(),
        null,
        built.mediaType(),
        built.defaultPlatform(),
        built.platforms());
  }

  private static List<ImageDetail> images(String repository) throws EcrDeployException {
    try (EcrClient ecr = EcrClients.create(connection(), TestJars.QUIET)) {
      return ecr.describeImages(r -> r.repositoryName(repository)).imageDetails();
    }
  }

  @Test
  void tagsMoveOnlyOnceTheIndexIsInEcrAndARerunConverges() throws Exception {
    String repository = "index/failed-put";
    emulator.failNext("PutImage", 1, "LimitExceededException", 400);
    EcrDeployException failed =
        assertThrows(EcrDeployException.class, () -> push(built, repository, "1.0.0"));
    assertTrue(failed.getMessage().contains("PutImage"), failed.getMessage());
    List<ImageDetail> afterFailure = images(repository);
    assertEquals(
        built.platforms().stream().map(BuiltImage::digest).collect(Collectors.toSet()),
        afterFailure.stream().map(ImageDetail::imageDigest).collect(Collectors.toSet()),
        "the platform images are there, the index is not");
    assertTrue(afterFailure.stream().allMatch(d -> d.imageTags().isEmpty()), "no tag moved");

    PushResult result = push(built, repository, "1.0.0", "candidate");
    assertEquals(built.digest(), result.digest());
    assertEquals(ImageIndex.MEDIA_TYPE, result.mediaType());
    assertEquals(List.of("1.0.0", "candidate"), result.tagsMoved());
    assertEquals(
        built.platforms().stream().map(BuiltImage::digest).toList(),
        result.platforms().stream().map(PushResult.Platform::digest).toList());
    assertEquals(0, result.layersUploaded(), "the failed run had uploaded every layer");
    try (EcrClient ecr = EcrClients.create(connection(), TestJars.QUIET)) {
      Image tagged =
          ecr.batchGetImage(
                  r ->
                      r.repositoryName(repository)
                          .imageIds(ImageIdentifier.builder().imageTag("1.0.0").build())
                          .acceptedMediaTypes(TagState.MANIFEST_TYPES))
              .images()
              .get(0);
      assertEquals(built.digest(), tagged.imageId().imageDigest());
      assertEquals(ImageIndex.MEDIA_TYPE, tagged.imageManifestMediaType());
    }

    emulator.clearCalls();
    PushResult again = push(built, repository, "1.0.0", "candidate");
    assertEquals(List.of(), again.tagsMoved());
    assertEquals(List.of("1.0.0", "candidate"), again.tagsUnchanged());
    assertEquals(0, again.bytesUploaded());
    assertEquals(0, emulator.calls("PutImage").size(), "a re-run writes nothing");
  }

  @Test
  void anImmutableTagOnAnotherImageStopsThePushBeforeAnyUpload() throws Exception {
    String repository = "index/immutable";
    emulator.createRepository(repository, "IMMUTABLE");
    push(built, repository, "1.0.0");
    ImageIndex reversed =
        ImageIndex.of(
            List.of(
                new ImageIndex.Entry(
                    new ImagePlatform("linux", "arm64", null),
                    built.platforms().get(1).digest(),
                    1),
                new ImageIndex.Entry(
                    new ImagePlatform("linux", "amd64", null),
                    built.platforms().get(0).digest(),
                    1)));
    BuiltImage other = withIndex("reversed", reversed);
    EcrConnection connection = connection();
    EcrDeployException conflict;
    try (EcrClient ecr = EcrClients.create(connection, TestJars.QUIET)) {
      conflict =
          assertThrows(
              EcrDeployException.class,
              () -> ecrPush(ecr).push(request(connection, repository, other, "1.0.0")));
    }
    assertTrue(conflict.getMessage().contains("IMMUTABLE"), conflict.getMessage());
    assertTrue(conflict.getMessage().contains("Nothing was pushed"), conflict.getMessage());
    Set<String> digests =
        images(repository).stream().map(ImageDetail::imageDigest).collect(Collectors.toSet());
    assertTrue(!digests.contains(reversed.digest()), "the other index was not put");
  }

  @Test
  void anIndexFileThatIsNotImageJsonsIsRefusedBeforeAnyEcrCall() throws Exception {
    emulator.clearCalls();
    ImageIndex stale = ImageIndex.of(List.of());
    BuiltImage staleIndex = withIndex("stale", stale);
    BuiltImage image =
        new BuiltImage(
            built.digest(),
            null,
            built.sizeBytes(),
            built.baseImage(),
            built.baseImageDigest(),
            built.created(),
            null,
            staleIndex.directory(),
            List.of(),
            null,
            built.mediaType(),
            built.defaultPlatform(),
            built.platforms());
    try (EcrClient ecr = EcrClients.create(connection(), TestJars.QUIET)) {
      EcrDeployException refused =
          assertThrows(
              EcrDeployException.class,
              () -> ecrPush(ecr).push(request(connection(), "index/stale", image, "1")));
      assertTrue(
          refused.getMessage().startsWith("image-index.json has digest " + stale.digest()),
          refused.getMessage());
    }
    assertEquals(List.of(), emulator.calls());
  }
}
