package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line reasons of {@link LayerChange}. */
class LayerChangeTest {

  private static LayerInputs jars(LayerInputs.InputFile... jars) {
    return new LayerInputs(null, List.of(jars), null, null);
  }

  private static LayerInputs.InputFile jar(String name, String sha) {
    return new LayerInputs.InputFile(name, 100, "sha256:" + sha);
  }

  @Test
  void namesUpgradedAddedAndRemovedDependencies() {
    LayerInputs before = jars(jar("commons-codec-1.17.1.jar", "a"), jar("old-lib-1.0.jar", "b"));
    LayerInputs now = jars(jar("commons-codec-1.18.0.jar", "c"), jar("snakeyaml-2.3.jar", "d"));
    assertEquals(
        "dependencies: changed — commons-codec 1.17.1 → 1.18.0, + snakeyaml 2.3, - old-lib 1.0",
        LayerChange.reason("dependencies", before, now));
  }

  @Test
  void namesAJarWhoseContentChangedUnderTheSameName() {
    assertEquals(
        "snapshot-dependencies: changed — lib-1.0-SNAPSHOT.jar content changed",
        LayerChange.reason(
            "snapshot-dependencies",
            jars(jar("lib-1.0-SNAPSHOT.jar", "a")),
            jars(jar("lib-1.0-SNAPSHOT.jar", "b"))));
  }

  @Test
  void namesTheFilesOfTheApplicationAndTheMovedBase() {
    assertEquals(
        "application: changed — content of 41 files",
        LayerChange.reason(
            "application",
            new LayerInputs(null, null, 41, "sha256:a"),
            new LayerInputs(null, null, 41, "sha256:b")));
    assertEquals(
        "application: changed — 42 files (were 41)",
        LayerChange.reason(
            "application",
            new LayerInputs(null, null, 41, "sha256:a"),
            new LayerInputs(null, null, 42, "sha256:b")));
    assertEquals(
        "base: changed — eclipse-temurin:17-jre moved from sha256:a to sha256:b",
        LayerChange.reason(
            "base",
            LayerInputs.ofBase("eclipse-temurin:17-jre", "sha256:a"),
            LayerInputs.ofBase("eclipse-temurin:17-jre", "sha256:b")));
    assertEquals("extra-directory: new layer", LayerChange.reason("extra-directory", null, null));
  }
}
