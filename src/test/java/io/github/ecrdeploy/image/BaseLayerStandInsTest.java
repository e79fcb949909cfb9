package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Credential;
import io.github.ecrdeploy.testbed.BaseImageBuilder;
import io.github.ecrdeploy.testbed.FaultProxy;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build without {@code image.tar} downloads no base layer (the registry's requests are counted
 * through a proxy) and gives the same image as a build that downloads them and writes the archive;
 * the shared base layer cache is left untouched, and the stand-ins stay in the output directory for
 * push.
 */
class BaseLayerStandInsTest {
  @TempDir static Path shared;
  private static TestRegistry registry;
  private static FaultProxy proxy;
  private static Path app;

  @TempDir Path work;

  @BeforeAll
  static void start() throws Exception {
    registry = TestRegistry.builder().start();
    BaseImageBuilder images = new BaseImageBuilder(BaseImageBuilder.defaultCacheDir(), line -> {});
    images.pushTo(registry, BaseImageBuilder.REPOSITORY_AND_TAG);
    images.pushMultiPlatformTo(registry, BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG);
    proxy = FaultProxy.tls(registry);
    app = TestJars.jar(shared.resolve("app.jar"), "com.example.Main", "stand-ins");
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void forget() {
    proxy.reset();
  }

  private BuiltImage build(String repositoryAndTag, Path out, Path baseCache, boolean writeTar)
      throws Exception {
    return build(repositoryAndTag, out, baseCache, writeTar, false);
  }

  private BuiltImage build(
      String repositoryAndTag, Path out, Path baseCache, boolean writeTar, boolean alwaysCache)
      throws Exception {
    ContainerSpec spec =
        TestJars.spec(TestJars.baseTar(shared.resolve("unused")), app, List.of())
            .withFrom(BaseImage.parse(proxy.host() + "/" + repositoryAndTag, shared));
    return new ImageBuilder(out, baseCache, true, false, writeTar, TestJars.QUIET)
        .alwaysCacheBaseImage(alwaysCache)
        .build(
            spec,
            host -> Optional.of(Credential.from(registry.user(), registry.password())),
            "app:1",
            null);
  }

  /** The base layers whose blobs were downloaded since the last reset. */
  private static Set<String> baseLayersDownloaded(BuiltImage image) {
    Set<String> base =
        image.layers().stream()
            .filter(layer -> layer.kind() == LayerKind.BASE)
            .map(ImageLayer::digest)
            .collect(Collectors.toSet());
    return proxy.exchanges().stream()
        .filter(exchange -> exchange.method().equals("GET") && exchange.path().contains("/blobs/"))
        .map(exchange -> exchange.path().substring(exchange.path().lastIndexOf('/') + 1))
        .filter(base::contains)
        .collect(Collectors.toSet());
  }

  /** Manifest and blob requests made more than once since the last reset. */
  private static List<String> repeatedRequests() {
    List<String> paths =
        proxy.exchanges().stream()
            .filter(x -> x.path().contains("/manifests/") || x.path().contains("/blobs/"))
            .map(x -> x.method() + " " + x.path())
            .toList();
    return paths.stream().filter(path -> paths.indexOf(path) != paths.lastIndexOf(path)).toList();
  }

  private static long filesIn(Path directory) throws Exception {
    if (!Files.exists(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void withoutAnArchiveNoBaseLayerIsDownloadedAndTheImageIsTheSame() throws Exception {
    for (String base :
        List.of(
            BaseImageBuilder.REPOSITORY_AND_TAG,
            BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG)) {
      proxy.reset();
      Path sharedCache = work.resolve(base.replace('/', '-') + "-cache");
      Path out = work.resolve(base.replace('/', '-') + "-without");
      BuiltImage without = build(base, out, sharedCache, false);

      assertNull(without.imageTar());
      assertEquals(Set.of(), baseLayersDownloaded(without), base + ": " + proxy.exchanges());
      assertEquals(List.of(), repeatedRequests(), "Jib asked again for what was read ahead");
      assertEquals(0, filesIn(sharedCache.resolve("layers")), "stand-ins in the shared cache");
      assertTrue(
          Files.isDirectory(out.resolve("base-layer-stand-ins/layers")), "no stand-ins for push");
      assertTrue(
          without.layers().stream().anyMatch(layer -> layer.kind() == LayerKind.BASE),
          without.layers().toString());

      proxy.reset();
      BuiltImage with =
          build(base, work.resolve(base.replace('/', '-') + "-with"), sharedCache, true);

      assertNotEquals(Set.of(), baseLayersDownloaded(with), "the check could not fail");
      assertEquals(with.digest(), without.digest(), base);
      assertEquals(with.layers(), without.layers(), base);
      assertEquals(with.baseImageDigest(), without.baseImageDigest(), base);
    }
  }

  @Test
  void alwaysCacheBaseImageFillsTheSharedCacheWithoutAnArchive() throws Exception {
    Path sharedCache = work.resolve("cache");
    BuiltImage image =
        build(BaseImageBuilder.REPOSITORY_AND_TAG, work.resolve("out"), sharedCache, false, true);

    assertNull(image.imageTar());
    assertNotEquals(Set.of(), baseLayersDownloaded(image));
    assertEquals(
        image.layers().stream().filter(layer -> layer.kind() == LayerKind.BASE).count(),
        filesIn(sharedCache.resolve("layers")));
  }
}
