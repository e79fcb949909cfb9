package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import io.github.ecrdeploy.testbed.BaseImageBuilder;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds against a real registry holding the test bed's two-platform base image. */
class MultiPlatformBuilderTest {
  @TempDir static Path shared;
  private static TestRegistry registry;
  private static String multiBase;
  private static String singleBase;
  private static Path app;

  @TempDir Path work;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = TestRegistry.builder().start();
    BaseImageBuilder images = new BaseImageBuilder(BaseImageBuilder.defaultCacheDir(), line -> {});
    images.pushTo(registry, BaseImageBuilder.REPOSITORY_AND_TAG);
    images.pushMultiPlatformTo(registry, BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG);
    multiBase = registry.host() + "/" + BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG;
    singleBase = registry.host() + "/" + BaseImageBuilder.REPOSITORY_AND_TAG;
    app = TestJars.jar(shared.resolve("app.jar"), "com.example.Main", "v1");
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private BuiltImage build(Path out, String base, Long budget, String... platforms)
      throws Exception {
    ContainerSpec spec =
        TestJars.spec(TestJars.baseTar(shared.resolve("unused")), app, List.of())
            .withFrom(BaseImage.parse(base, shared));
    return new MultiPlatformBuilder(
            out, shared.resolve("base-cache"), true, false, true, TestJars.QUIET)
        .build(
            spec,
            host -> Optional.of(Credential.from(registry.user(), registry.password())),
            "app:1",
            budget,
            PlatformList.parse(List.of(platforms)));
  }

  @Test
  void buildsOneImagePerPlatformAndAReproducibleIndexOverThem() throws Exception {
    Path out = work.resolve("a/target/ecr-deploy");
    BuiltImage index = build(out, multiBase, null, "linux/amd64", "linux/arm64");

    byte[] indexBytes = Files.readAllBytes(out.resolve(ImageIndex.FILE_NAME));
    assertEquals(ImageIndex.read(out.resolve(ImageIndex.FILE_NAME)).digest(), index.digest());
    assertEquals(index, ImageReport.read(out.resolve(ImageReport.FILE_NAME)).orElseThrow());
    JsonNode json = new ObjectMapper().readTree(indexBytes);
    assertEquals(2, json.path("manifests").size());
    for (int i = 0; i < 2; i++) {
      BuiltImage platform = index.platforms().get(i);
      assertEquals(platform.digest(), json.path("manifests").path(i).path("digest").asText());
      TarEntryCollector archive = ImageTarball.collector();
      try (InputStream in = Files.newInputStream(Path.of(platform.imageTar()))) {
        in.transferTo(archive);
      }
      assertEquals(
          ImageTarball.of(archive, platform.imageTar()).manifestBytes().length,
          json.path("manifests").path(i).path("size").asLong());
      assertEquals(
          index.baseImageDigest(),
          platform.baseImageDigest(),
          "every platform from the same base index");
    }
    assertEquals(
        List.of("linux/amd64", "linux/arm64"),
        index.platforms().stream().map(BuiltImage::platform).toList());
    assertNotEquals(index.platforms().get(0).digest(), index.platforms().get(1).digest());
    assertEquals(
        index.platforms().get(0).layers().stream().map(ImageLayer::digest).toList(),
        index.platforms().get(1).layers().stream().map(ImageLayer::digest).toList(),
        "same layers, other config");
    assertEquals("linux/amd64", index.defaultPlatform());
    assertArrayEquals(
        Files.readAllBytes(Path.of(index.platforms().get(0).imageTar())),
        Files.readAllBytes(out.resolve("image.tar")));

    BuiltImage again =
        build(work.resolve("b/target/ecr-deploy"), multiBase, null, "linux/amd64", "linux/arm64");
    assertEquals(index.digest(), again.digest(), "same inputs, same index digest");
    assertArrayEquals(
        indexBytes,
        Files.readAllBytes(work.resolve("b/target/ecr-deploy/" + ImageIndex.FILE_NAME)));
  }

  @Test
  void theBudgetAppliesToEachPlatformAndNamesIt() throws Exception {
    Path out = work.resolve("target/ecr-deploy");
    long oneImage = build(out, multiBase, null, "linux/arm64").platforms().get(0).sizeBytes();
    assertTrue(Files.exists(out.resolve(ImageReport.FILE_NAME)));

    BuiltImage both = build(out, multiBase, oneImage, "linux/arm64", "linux/amd64");
    assertTrue(both.platforms().stream().mapToLong(BuiltImage::sizeBytes).sum() > oneImage);

    String message =
        assertThrows(
                ImageBuildException.class,
                () -> build(out, multiBase, oneImage - 1, "linux/arm64", "linux/amd64"))
            .getMessage();
    assertTrue(message.startsWith("The linux/arm64 image is "), message);
    assertTrue(message.contains("over the <maxImageSize> budget"), message);
    assertTrue(message.endsWith("The budget applies to each platform's image."), message);
    assertFalse(Files.exists(out.resolve(ImageReport.FILE_NAME)), "no image.json left to push");
  }

  @Test
  void aSinglePlatformBaseCannotGiveAnotherPlatform() throws Exception {
    String message =
        assertThrows(
                ImageBuildException.class,
                () ->
                    build(
                        work.resolve("target/ecr-deploy"),
                        singleBase,
                        null,
                        "linux/amd64",
                        "linux/arm64"))
            .getMessage();
    assertTrue(message.startsWith("<platforms> linux/arm64: "), message);
    assertTrue(message.contains("arm64"), message);
  }
}
