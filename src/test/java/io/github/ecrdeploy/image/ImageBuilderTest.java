package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuilderTest {
  @TempDir static Path shared;
  static Path baseTar;

  @TempDir Path work;

  @BeforeAll
  static void makeBase() throws Exception {
    baseTar = TestJars.baseTar(shared.resolve("base"));
  }

  private BuiltImage build(Path project, String appContent, String depVersion, Long budget)
      throws Exception {
    return build(project, appContent, depVersion, budget, true);
  }

  private BuiltImage build(
      Path project, String appContent, String depVersion, Long budget, boolean writeTar)
      throws Exception {
    Path app = TestJars.jar(project.resolve("target/app.jar"), "com.example.Main", appContent);
    Path dep =
        TestJars.jar(project.resolve("repo/lib-" + depVersion + ".jar"), null, "lib " + depVersion);
    Path snapshot = TestJars.jar(project.resolve("repo/snap-1.0-SNAPSHOT.jar"), null, "snap");
    List<DependencyJar> deps =
        List.of(
            new DependencyJar(dep, "com.example", LayerKind.DEPENDENCIES),
            new DependencyJar(snapshot, "com.example", LayerKind.SNAPSHOT_DEPENDENCIES));
    ContainerSpec spec = TestJars.spec(baseTar, app, deps);
    return new ImageBuilder(
            project.resolve("target/ecr-deploy"),
            shared.resolve("cache"),
            false,
            false,
            writeTar,
            TestJars.QUIET)
        .build(spec, host -> java.util.Optional.empty(), "app:1.0", budget);
  }

  private static Map<String, String> digestsByKind(BuiltImage image) {
    return image.layers().stream().collect(Collectors.toMap(ImageLayer::label, ImageLayer::digest));
  }

  @Test
  void layersAreStackedInOrderAndReported() throws Exception {
    BuiltImage image = build(work.resolve("p"), "v1", "1.0", null);
    assertEquals(
        List.of("base", "dependencies", "snapshot-dependencies", "application"),
        image.layers().stream().map(ImageLayer::label).toList());
    assertEquals(image.layers().stream().mapToLong(ImageLayer::sizeBytes).sum(), image.sizeBytes());
    assertTrue(image.digest().startsWith("sha256:"));
    assertTrue(Files.isRegularFile(work.resolve("p/target/ecr-deploy/image.tar")));
    BuiltImage reread =
        ImageReport.read(work.resolve("p/target/ecr-deploy/image.json")).orElseThrow();
    assertEquals(image, reread);
    assertTrue(image.baseImageDigest().startsWith("sha256:"));
  }

  @Test
  void withoutArchiveTheSameImageIsDescribedAndAStaleArchiveIsRemoved() throws Exception {
    BuiltImage withTar = build(work.resolve("notar"), "v1", "1.0", null, true);
    BuiltImage without = build(work.resolve("notar"), "v1", "1.0", null, false);
    Path out = work.resolve("notar/target/ecr-deploy");
    assertEquals(withTar.digest(), without.digest());
    assertEquals(withTar.imageId(), without.imageId());
    assertEquals(digestsByKind(withTar), digestsByKind(without));
    assertEquals(null, without.imageTar());
    assertEquals(out.toAbsolutePath(), without.outputDirectory());
    assertFalse(Files.exists(out.resolve("image.tar")));
    assertEquals(
        without.digest(),
        ImageManifest.read(out, without.digest()).orElseThrow().digest(),
        "manifest.json is the built image's manifest");
  }

  @Test
  void unchangedInputsKeepThePreviousImageAndWriteNothing() throws Exception {
    Path project = work.resolve("nochange");
    Path out = project.resolve("target/ecr-deploy");
    Path app = TestJars.jar(project.resolve("target/app.jar"), "com.example.Main", "v1");
    ContainerSpec spec = TestJars.spec(baseTar, app, List.of());
    ImageBuilder builder =
        new ImageBuilder(out, shared.resolve("cache"), false, false, false, TestJars.QUIET);
    ImageBuilder.Outcome first =
        builder.buildUnlessUnchanged(spec, host -> java.util.Optional.empty(), "app:1.0", null);
    assertEquals(null, first.keptBecause());
    Map<Path, Long> written = new java.util.TreeMap<>();
    try (var files = Files.list(out)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        written.put(file, Files.getLastModifiedTime(file).toMillis());
      }
    }
    assertTrue(written.containsKey(out.resolve("build-inputs.sha256")), written.toString());
    Thread.sleep(20); // file times of a rewrite would differ
    ImageBuilder.Outcome second =
        builder.buildUnlessUnchanged(spec, host -> java.util.Optional.empty(), "app:1.0", null);
    assertTrue(second.keptBecause().startsWith("layer inputs, configuration, base image tar://"));
    assertEquals(first.image(), second.image());
    for (Map.Entry<Path, Long> file : written.entrySet()) {
      assertEquals(
          file.getValue(),
          Files.getLastModifiedTime(file.getKey()).toMillis(),
          file.getKey() + " was written again");
    }

    ImageBuilder.Outcome budget =
        builder.buildUnlessUnchanged(spec, host -> java.util.Optional.empty(), "app:1.0", 1L << 40);
    assertEquals(null, budget.keptBecause(), "another <maxImageSize> builds again");
    TestJars.jar(app, "com.example.Main", "v2");
    ImageBuilder.Outcome changed =
        builder.buildUnlessUnchanged(spec, host -> java.util.Optional.empty(), "app:1.0", 1L << 40);
    assertEquals(null, changed.keptBecause());
    assertNotEquals(first.image().digest(), changed.image().digest());
  }

  @Test
  void sameInputsInAnotherDirectoryGiveTheSameDigest() throws Exception {
    BuiltImage first = build(work.resolve("one"), "v1", "1.0", null);
    BuiltImage second = build(work.resolve("two/deeper"), "v1", "1.0", null);
    assertEquals(first.digest(), second.digest());
    assertEquals(first.imageId(), second.imageId());
  }

  @Test
  void codeChangeTouchesOnlyTheApplicationLayer() throws Exception {
    Path project = work.resolve("p");
    Map<String, String> before = digestsByKind(build(project, "v1", "1.0", null));
    BuiltImage after = build(project, "v2", "1.0", null);
    Map<String, String> changed = digestsByKind(after);
    assertNotEquals(before.get("application"), changed.get("application"));
    for (String kind : List.of("base", "dependencies", "snapshot-dependencies")) {
      assertEquals(before.get(kind), changed.get(kind), kind);
    }
    Map<String, Boolean> reused =
        after.layers().stream().collect(Collectors.toMap(ImageLayer::label, ImageLayer::reused));
    assertTrue(reused.get("dependencies"));
    assertFalse(reused.get("application"));
  }

  @Test
  void dependencyChangeLeavesTheApplicationLayerAlone() throws Exception {
    Map<String, String> before = digestsByKind(build(work.resolve("a"), "v1", "1.0", null));
    Map<String, String> after = digestsByKind(build(work.resolve("b"), "v1", "2.0", null));
    assertNotEquals(before.get("dependencies"), after.get("dependencies"));
    assertEquals(before.get("application"), after.get("application"));
  }

  @Test
  void overBudgetFailsNamingBudgetSizeAndLargestLayersAndLeavesNoReport() throws Exception {
    Path project = work.resolve("p");
    build(project, "v1", "1.0", null);
    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> build(project, "v2", "1.0", 100L));
    assertTrue(e.getMessage().contains("<maxImageSize> budget of 100 B"), e.getMessage());
    assertTrue(
        e.getMessage().matches("(?s).*Largest layers: \\S+ [^,]+, \\S+ [^,]+, \\S+ .*"),
        e.getMessage());
    assertFalse(Files.exists(project.resolve("target/ecr-deploy/image.json")));
  }

  @Test
  void missingMainClassFailsWithWhatToSet() throws Exception {
    Path app = TestJars.jar(work.resolve("app.jar"), null, "x");
    ContainerSpec spec = TestJars.spec(baseTar, app, List.of(), null);
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () ->
                new ImageBuilder(
                        work.resolve("out"),
                        shared.resolve("cache"),
                        false,
                        false,
                        true,
                        TestJars.QUIET)
                    .build(spec, host -> java.util.Optional.empty(), "app:1", null));
    assertTrue(e.getMessage().contains("<mainClass>"), e.getMessage());
    assertFalse(Files.exists(work.resolve("out")));
  }

  @Test
  void jarFileNamesThatCollideArePrefixedWithTheGroup() throws Exception {
    Path a = TestJars.jar(work.resolve("a/util-1.jar"), null, "a");
    Path b = TestJars.jar(work.resolve("b/util-1.jar"), null, "b");
    ContainerSpec spec =
        TestJars.spec(
            baseTar,
            TestJars.jar(work.resolve("app.jar"), "M", "x"),
            List.of(
                new DependencyJar(a, "org.a", LayerKind.DEPENDENCIES),
                new DependencyJar(b, "org.b", LayerKind.DEPENDENCIES)));
    List<String> paths =
        LayerPlanner.plan(spec).get(0).layer().getEntries().stream()
            .map(entry -> entry.getExtractionPath().toString())
            .toList();
    assertEquals(List.of("/app/libs/org.a-util-1.jar", "/app/libs/org.b-util-1.jar"), paths);
  }

  @Test
  void offlineBuildsFromATarBaseAndRefusesAnUncachedRegistryBaseNamingIt() throws Exception {
    Path project = work.resolve("offline");
    Path app = TestJars.jar(project.resolve("target/app.jar"), "com.example.Main", "v1");
    ContainerSpec tarBased = TestJars.spec(baseTar, app, List.of());
    Path emptyCache = work.resolve("empty-cache");
    BuiltImage image =
        new ImageBuilder(project.resolve("tar-out"), emptyCache, false, true, true, TestJars.QUIET)
            .build(tarBased, host -> java.util.Optional.empty(), "app:1.0", null);
    assertTrue(image.digest().startsWith("sha256:"));

    // Nobody listens on port 9: only the offline mode keeps this from a connection error.
    ContainerSpec registryBased =
        tarBased.withFrom(BaseImage.parse("127.0.0.1:9/base/jre:17", project));
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () ->
                new ImageBuilder(
                        project.resolve("registry-out"),
                        emptyCache,
                        false,
                        true,
                        true,
                        TestJars.QUIET)
                    .build(registryBased, host -> java.util.Optional.empty(), "app:1.0", null));
    assertTrue(
        e.getMessage()
            .startsWith(
                "The base image <from> 127.0.0.1:9/base/jre:17 is not (completely) in the base"
                    + " image cache "
                    + emptyCache),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "Build once without -o and with -Decr.alwaysCacheBaseImage=true"
                    + " (<alwaysCacheBaseImage>) to cache it, or use a tar:// base image"),
        e.getMessage());
  }

  @Test
  void aBadConfigurationIsRefusedBeforeTheBaseImageRegistryIsAsked() throws Exception {
    Path project = work.resolve("refused-first");
    Path app = TestJars.jar(project.resolve("target/app.jar"), null, "v1");
    try (ServerSocket tripwire = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      Thread listener =
          new Thread(
              () -> {
                while (true) {
                  try (Socket ignored = tripwire.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      listener.setDaemon(true);
      listener.start();
      ContainerSpec noMainClass =
          TestJars.spec(baseTar, app, List.of(), null)
              .withFrom(
                  BaseImage.parse(
                      "127.0.0.1:" + tripwire.getLocalPort() + "/base/jre:17", project));
      ImageBuilder builder =
          new ImageBuilder(
              project.resolve("out"), work.resolve("cache"), false, false, false, TestJars.QUIET);

      ImageBuildException unlessUnchanged =
          assertThrows(
              ImageBuildException.class,
              () ->
                  builder.buildUnlessUnchanged(noMainClass, host -> Optional.empty(), "a:1", null));
      ImageBuildException build =
          assertThrows(
              ImageBuildException.class,
              () -> builder.build(noMainClass, host -> Optional.empty(), "a:1", null));

      assertTrue(
          unlessUnchanged.getMessage().startsWith("No main class"), unlessUnchanged.getMessage());
      assertTrue(build.getMessage().startsWith("No main class"), build.getMessage());
      assertEquals(0, connections.get(), "the base image registry was asked before the check");
    }
  }
}
