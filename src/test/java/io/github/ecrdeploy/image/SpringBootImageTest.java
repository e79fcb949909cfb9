package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images of Spring Boot jars: the jar's own layers, extracted, started through the Spring Boot
 * launcher.
 */
class SpringBootImageTest {
  private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

  @TempDir static Path shared;
  static Path baseTar;

  @TempDir Path work;

  @BeforeAll
  static void makeBase() throws Exception {
    baseTar = TestJars.baseTar(shared.resolve("base"));
  }

  /**
   * A spec as the Mojo makes it for a Boot jar: main class from the manifest, Maven dependencies
   * resolved too.
   */
  private ContainerSpec spec(Path jar, String mainClass) throws Exception {
    Path mavenDependency = TestJars.jar(work.resolve("repo/lib-1.0.jar"), null, "library 1.0");
    return TestJars.spec(
        baseTar,
        jar,
        List.of(new DependencyJar(mavenDependency, "com.example", LayerKind.DEPENDENCIES)),
        mainClass);
  }

  private static Map<String, List<String>> targetsByLayer(List<PlannedLayer> layers) {
    Map<String, List<String>> targets = new LinkedHashMap<>();
    for (PlannedLayer layer : layers) {
      targets.put(
          layer.label(),
          layer.layer().getEntries().stream()
              .map(e -> e.getExtractionPath().toString())
              .sorted()
              .toList());
    }
    return targets;
  }

  @Test
  void eachNonEmptyBootLayerBecomesOneImageLayerUnderTheAppRoot() throws Exception {
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), TestJars.DEFAULT_BOOT_INDEX, "v1");
    Map<String, List<String>> layers = targetsByLayer(LayerPlanner.plan(spec(jar, LAUNCHER)));
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("dependencies", List.of("/app/BOOT-INF/lib/lib-1.0.jar"));
    expected.put(
        "spring-boot-loader",
        List.of("/app/org/springframework/boot/loader/launch/JarLauncher.class"));
    expected.put(
        "application",
        List.of(
            "/app/BOOT-INF/classes/com/example/App.class",
            "/app/BOOT-INF/classpath.idx",
            "/app/BOOT-INF/layers.idx",
            "/app/META-INF/MANIFEST.MF"));
    // snapshot-dependencies is empty and left out; the Maven dependency is not added again (it is
    // in the jar).
    assertEquals(expected, layers);
  }

  @Test
  void extractedFilesHoldTheEntriesAndLayersAreMarkedAsSpringBoot() throws Exception {
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), TestJars.DEFAULT_BOOT_INDEX, "v1");
    List<PlannedLayer> layers = LayerPlanner.plan(spec(jar, LAUNCHER));
    assertTrue(layers.stream().allMatch(layer -> layer.kind() == LayerKind.SPRING_BOOT));
    FileEntry app =
        layers.get(2).layer().getEntries().stream()
            .filter(e -> e.getExtractionPath().toString().endsWith("App.class"))
            .findFirst()
            .orElseThrow();
    assertEquals("v1", Files.readString(app.getSourceFile()));
    assertTrue(app.getSourceFile().startsWith(work.resolve("target/ecr-deploy-unpacked")));
  }

  @Test
  void customLayersAreKeptInIndexOrder() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("org/springframework/boot/loader/launch/JarLauncher.class", "launcher");
    entries.put("BOOT-INF/lib/lib-1.0.jar", "lib");
    entries.put("BOOT-INF/lib/company-2.0.jar", "company");
    entries.put("BOOT-INF/classes/com/example/App.class", "v1");
    entries.put(
        "BOOT-INF/layers.idx",
        """
        - "spring-boot-loader":
          - "org/"
        - "dependencies":
          - "BOOT-INF/lib/lib-1.0.jar"
        - "company-dependencies":
          - "BOOT-INF/lib/company-2.0.jar"
        - "application":
          - "BOOT-INF/"
          - "META-INF/"
        """);
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), entries, true);
    Map<String, List<String>> layers = targetsByLayer(LayerPlanner.plan(spec(jar, LAUNCHER)));
    assertEquals(
        List.of("spring-boot-loader", "dependencies", "company-dependencies", "application"),
        List.copyOf(layers.keySet()));
    assertEquals(List.of("/app/BOOT-INF/lib/company-2.0.jar"), layers.get("company-dependencies"));
  }

  @Test
  void entryThatNoLayerClaimsIsAnError() throws Exception {
    Path jar =
        TestJars.bootJar(
            work.resolve("target/app.jar"),
            "- \"application\":\n  - \"BOOT-INF/classes/\"\n  - \"META-INF/\"\n",
            "v1");
    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> LayerPlanner.plan(spec(jar, LAUNCHER)));
    assertTrue(e.getMessage().contains("no layer of its layer index claims"), e.getMessage());
    assertTrue(
        e.getMessage().contains("org/springframework/boot/loader/launch/JarLauncher.class"),
        e.getMessage());
  }

  @Test
  void entryOutsideTheRootIsRefused() throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("BOOT-INF/../../escape.txt", "x");
    entries.put(
        "BOOT-INF/layers.idx", "- \"application\":\n  - \"BOOT-INF/\"\n  - \"META-INF/\"\n");
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), entries, true);
    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> LayerPlanner.plan(spec(jar, LAUNCHER)));
    assertTrue(
        e.getMessage().contains("outside the jar's root: BOOT-INF/../../escape.txt"),
        e.getMessage());
    assertFalse(Files.exists(work.resolve("target/escape.txt")));
  }

  @Test
  void entrypointRunsTheLauncherFromTheAppRoot() throws Exception {
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), TestJars.DEFAULT_BOOT_INDEX, "v1");
    assertEquals(
        List.of("java", "-Xmx64m", "-cp", "/app", LAUNCHER),
        LayerPlanner.javaEntrypoint(spec(jar, LAUNCHER)));
  }

  @Test
  void startClassAsMainClassIsAnErrorNamingMainClass() throws Exception {
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), TestJars.DEFAULT_BOOT_INDEX, "v1");
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () -> ContainerPlanner.plan(spec(jar, "com.example.App"), host -> Optional.empty()));
    assertTrue(
        e.getMessage().startsWith("<mainClass> com.example.App is the Start-Class"),
        e.getMessage());
    assertTrue(e.getMessage().contains(LAUNCHER), e.getMessage());
  }

  @Test
  void mainClassMustBeALauncherInTheJar() throws Exception {
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), TestJars.DEFAULT_BOOT_INDEX, "v1");
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () -> ContainerPlanner.plan(spec(jar, "com.example.Other"), host -> Optional.empty()));
    assertTrue(
        e.getMessage().startsWith("<mainClass> com.example.Other is not at the top"),
        e.getMessage());
  }

  @Test
  void bootJarWithoutIndexIsOneApplicationLayerWithoutTheMavenDependencies() throws Exception {
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), null, "v1");
    ContainerSpec spec = spec(jar, LAUNCHER);
    assertEquals(
        Map.of("application", List.of("/app/app.jar")), targetsByLayer(LayerPlanner.plan(spec)));
    assertEquals(
        List.of("java", "-Xmx64m", "-cp", "/app/app.jar", LAUNCHER),
        LayerPlanner.javaEntrypoint(spec));
  }

  @Test
  void reExtractionLeavesUnchangedFilesAloneAndDropsRemovedEntries() throws Exception {
    Path jar = TestJars.bootJar(work.resolve("target/app.jar"), TestJars.DEFAULT_BOOT_INDEX, "v1");
    ContainerSpec spec = spec(jar, LAUNCHER);
    LayerPlanner.plan(spec);
    Path unpacked = spec.unpackDirectory();
    Path lib = unpacked.resolve("BOOT-INF/lib/lib-1.0.jar");
    Path app = unpacked.resolve("BOOT-INF/classes/com/example/App.class");
    FileTime old = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(lib, old);
    Files.setLastModifiedTime(app, old);
    Path stale = Files.writeString(unpacked.resolve("BOOT-INF/lib/removed-1.0.jar"), "gone");

    // Same size, same entry time, other content: only the CRC tells them apart.
    TestJars.bootJar(jar, TestJars.DEFAULT_BOOT_INDEX, "v2");
    LayerPlanner.plan(spec);
    assertEquals(old, Files.getLastModifiedTime(lib));
    assertNotEquals(old, Files.getLastModifiedTime(app));
    assertEquals("v2", Files.readString(app));
    assertFalse(Files.exists(stale));
  }

  private BuiltImage build(Path project, String appContent) throws Exception {
    Path jar =
        TestJars.bootJar(
            project.resolve("target/app.jar"), TestJars.DEFAULT_BOOT_INDEX, appContent);
    return new ImageBuilder(
            project.resolve("target/ecr-deploy"),
            shared.resolve("cache"),
            false,
            false,
            false,
            TestJars.QUIET)
        .build(spec(jar, LAUNCHER), host -> Optional.empty(), "app:1.0", null);
  }

  @Test
  void reproducibleAndACodeChangeRebuildsOnlyTheApplicationLayer() throws Exception {
    BuiltImage first = build(work.resolve("one"), "v1");
    assertEquals(
        List.of("base", "dependencies", "spring-boot-loader", "application"),
        first.layers().stream().map(ImageLayer::label).toList());
    assertEquals(first.digest(), build(work.resolve("two/deeper"), "v1").digest());

    BuiltImage changed = build(work.resolve("one"), "v2");
    Map<String, ImageLayer> before = byKind(first);
    Map<String, ImageLayer> after = byKind(changed);
    assertNotEquals(first.digest(), changed.digest());
    assertNotEquals(before.get("application").digest(), after.get("application").digest());
    assertFalse(after.get("application").reused());
    for (String kind : List.of("base", "dependencies", "spring-boot-loader")) {
      assertEquals(before.get(kind).digest(), after.get(kind).digest(), kind);
    }
    assertTrue(after.get("dependencies").reused());
    assertTrue(after.get("spring-boot-loader").reused());
  }

  private static Map<String, ImageLayer> byKind(BuiltImage image) {
    return image.layers().stream().collect(Collectors.toMap(ImageLayer::label, layer -> layer));
  }
}
