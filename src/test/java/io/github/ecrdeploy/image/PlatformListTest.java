package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformListTest {
  private static String rejection(String... entries) {
    return assertThrows(ImageBuildException.class, () -> PlatformList.parse(Arrays.asList(entries)))
        .getMessage();
  }

  @Test
  void parsesOsArchitectureAndVariantInOrder() throws Exception {
    List<ImagePlatform> platforms = PlatformList.parse(List.of(" linux/amd64 ", "linux/arm64/v8"));
    assertEquals(
        List.of(
            new ImagePlatform("linux", "amd64", null), new ImagePlatform("linux", "arm64", "v8")),
        platforms);
    assertEquals("linux/arm64/v8", platforms.get(1).text());
    assertEquals("linux-arm64-v8", platforms.get(1).fileName());
  }

  @Test
  void noneConfiguredMeansNoIndexAndBlankEntriesAreIgnored() throws Exception {
    assertEquals(List.of(), PlatformList.parse(null));
    assertEquals(List.of(), PlatformList.parse(List.of()));
    assertEquals(
        List.of(new ImagePlatform("linux", "amd64", null)),
        PlatformList.parse(Arrays.asList("", "linux/amd64")));
  }

  @Test
  void aPlatformWithoutArchitectureIsNamedByItsPosition() {
    assertEquals(
        "<platforms><platform>[2] 'linux' is not a platform: write os/architecture[/variant], e.g."
            + " linux/amd64 or linux/arm64",
        rejection("linux/amd64", "linux"));
  }

  @Test
  void tooManyPartsEmptyPartsAndUpperCaseAreRejected() {
    assertTrue(
        rejection("linux/arm64/v8/x")
            .startsWith("<platforms><platform>[1] 'linux/arm64/v8/x' is not a platform"));
    assertEquals(
        "<platforms><platform>[1] 'linux//v8': '' is not a valid os, architecture or variant"
            + " (lower-case letters, digits, '.', '_', '-'), e.g. linux/amd64 or linux/arm64/v8",
        rejection("linux//v8"));
    assertTrue(
        rejection("Linux/AMD64")
            .startsWith("<platforms><platform>[1] 'Linux/AMD64': 'Linux' is not a valid os"));
  }

  @Test
  void aRepeatedOsAndArchitectureIsRejectedEvenWithAnotherVariant() {
    assertEquals(
        "<platforms><platform>[3] 'linux/arm64/v8' repeats linux/arm64: list each os/architecture"
            + " once (the base image's manifest is chosen by os and architecture)",
        rejection("linux/arm64", "linux/amd64", "linux/arm64/v8"));
  }

  @Test
  void anArchiveBaseImageIsRejectedBeforeAnyBuild(@TempDir Path dir) throws Exception {
    Path base = TestJars.baseTar(dir.resolve("base"));
    Path app = TestJars.jar(dir.resolve("app.jar"), "com.example.Main", "v1");
    ContainerSpec spec = TestJars.spec(base, app, List.of());
    MultiPlatformBuilder builder =
        new MultiPlatformBuilder(
            dir.resolve("out"), dir.resolve("cache"), false, false, false, TestJars.QUIET);
    String message =
        assertThrows(
                ImageBuildException.class,
                () ->
                    builder.build(
                        spec,
                        host -> java.util.Optional.empty(),
                        "app:1",
                        null,
                        PlatformList.parse(List.of("linux/amd64"))))
            .getMessage();
    assertTrue(
        message.startsWith("<platforms> needs <from> to be a registry image with an image index"),
        message);
    assertTrue(!java.nio.file.Files.exists(dir.resolve("out/platforms")), "nothing was built");
  }
}
