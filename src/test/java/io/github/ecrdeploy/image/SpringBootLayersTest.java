package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpringBootLayersTest {
  @Test
  void defaultIndexGivesTheFourLayersInOrder() throws Exception {
    SpringBootLayers layers =
        SpringBootLayers.parse(TestJars.DEFAULT_BOOT_INDEX, "app.jar!/BOOT-INF/layers.idx");
    assertEquals(
        List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"),
        layers.names());
    assertEquals(Optional.of("dependencies"), layers.layerOf("BOOT-INF/lib/spring-core-7.0.0.jar"));
    assertEquals(
        Optional.of("spring-boot-loader"),
        layers.layerOf("org/springframework/boot/loader/launch/JarLauncher.class"));
    assertEquals(
        Optional.of("application"), layers.layerOf("BOOT-INF/classes/com/example/App.class"));
    assertEquals(Optional.of("application"), layers.layerOf("META-INF/MANIFEST.MF"));
    assertEquals(Optional.of("application"), layers.layerOf("BOOT-INF/layers.idx"));
    assertEquals(Optional.empty(), layers.layerOf("BOOT-INF/other.txt"));
  }

  @Test
  void customLayersKeepTheirNamesAndTheFirstClaimingLayerWins() throws Exception {
    SpringBootLayers layers =
        SpringBootLayers.parse(
            """
            - "dependencies":
              - "BOOT-INF/lib/library-1.0.jar"
            - "company-dependencies":
              - "BOOT-INF/lib/company-lib-2.0.jar"
              - "BOOT-INF/lib/"
            - "spring-boot-loader":
              - "org/"
            - "application":
              - "BOOT-INF/classes/"
              - "META-INF/"
            """,
            "idx");
    assertEquals(
        List.of("dependencies", "company-dependencies", "spring-boot-loader", "application"),
        layers.names());
    assertEquals(Optional.of("dependencies"), layers.layerOf("BOOT-INF/lib/library-1.0.jar"));
    assertEquals(
        Optional.of("company-dependencies"), layers.layerOf("BOOT-INF/lib/company-lib-2.0.jar"));
    assertEquals(Optional.of("company-dependencies"), layers.layerOf("BOOT-INF/lib/other-3.0.jar"));
    // An exact name claims only itself, not names that start with it.
    assertEquals(
        Optional.of("company-dependencies"), layers.layerOf("BOOT-INF/lib/library-1.0.jar.sha1"));
  }

  @Test
  void malformedLineIsNamedWithItsNumber() {
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () ->
                SpringBootLayers.parse(
                    "- \"dependencies\":\n  - \"BOOT-INF/lib/\"\n- application\n", "x.jar!/idx"));
    assertTrue(e.getMessage().startsWith("x.jar!/idx is malformed at line 3: "), e.getMessage());
    assertTrue(e.getMessage().contains("found '- application'"), e.getMessage());
    assertTrue(e.getMessage().contains("spring-boot-maven-plugin"), e.getMessage());
  }

  @Test
  void pathBeforeAnyLayerIsRejected() {
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () -> SpringBootLayers.parse("  - \"BOOT-INF/lib/\"\n", "idx"));
    assertTrue(
        e.getMessage().contains("line 1: a path comes before the first layer"), e.getMessage());
  }

  @Test
  void duplicateOrUnsafeLayerNamesAreRejected() {
    ImageBuildException twice =
        assertThrows(
            ImageBuildException.class,
            () -> SpringBootLayers.parse("- \"a\":\n  - \"x/\"\n- \"a\":\n", "idx"));
    assertTrue(
        twice.getMessage().contains("line 3: layer 'a' is listed twice"), twice.getMessage());
    ImageBuildException unsafe =
        assertThrows(
            ImageBuildException.class, () -> SpringBootLayers.parse("- \"../up\":\n", "idx"));
    assertTrue(unsafe.getMessage().contains("layer name '../up'"), unsafe.getMessage());
  }

  @Test
  void emptyIndexIsRejected() {
    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> SpringBootLayers.parse("\n", "idx"));
    assertTrue(e.getMessage().contains("idx lists no layers"), e.getMessage());
  }
}
