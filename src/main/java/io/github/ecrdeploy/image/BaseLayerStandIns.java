package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The base image cache Jib gets for a build that writes no {@code image.tar}, prepared so that Jib
 * builds from the base image's digest without a request to its registry: Jib's metadata for that
 * digest (manifest and config, read ahead by {@link BaseImageLookup}) and its layers. The shared
 * cache serves when it holds every layer; otherwise a directory of the build's own holds stand-ins:
 * for each layer a file named as Jib's cache names it ({@code layers/<digest>/<diff id>}) and of
 * the layer's size, but without content (a sparse file). Jib takes each layer's digest, size and
 * diff id from there instead of downloading it; only the archive stream, which is discarded when no
 * {@code image.tar} is written, carries the bytes. The image and its digest are the same. The
 * shared cache only ever holds real layers.
 *
 * <p>The directory stays in the build's output directory for {@code push}: when the repository
 * already holds every base layer, Jib pushes from it without asking the base image's registry
 * anything and, finding each base layer in the repository, reads none ({@link #forPush}). A push
 * that lacks a base layer uses the shared cache, which Jib fills with real layers.
 */
final class BaseLayerStandIns {
  /** Jib's cache layout: {@code layers/<digest hash>/<diff id hash>}. */
  private static final String LAYERS = "layers";

  /** The directory of stand-ins, below a build's output directory. */
  static final String DIRECTORY = "base-layer-stand-ins";

  private BaseLayerStandIns() {}

  /**
   * Prepares the cache for {@code pinned}, the base image referenced by its digest, and returns it:
   * {@code sharedCache} if it holds every layer of {@code base}, else a new directory of stand-ins
   * in {@code outputDirectory}.
   */
  static Path prepare(
      ImageReference pinned,
      BaseImageLookup.Description base,
      Path sharedCache,
      Path outputDirectory)
      throws IOException, CacheDirectoryCreationException {
    List<BuildableManifestTemplate.ContentDescriptorTemplate> layers = base.manifest().getLayers();
    Path cache = sharedCache;
    if (!layers.stream().allMatch(layer -> cached(sharedCache, layer.getDigest()))) {
      cache = outputDirectory.resolve(DIRECTORY);
      for (int i = 0; i < layers.size(); i++) {
        write(
            cache,
            layers.get(i).getDigest(),
            base.config().getLayerDiffId(i),
            layers.get(i).getSize());
      }
    }
    Cache.withDirectory(cache).writeMetadata(pinned, base.metadata());
    return cache;
  }

  /**
   * The stand-ins a build without an archive left in {@code outputDirectory}, for a push whose
   * repository holds every base layer; empty when that build prepared none.
   */
  static Optional<Path> forPush(Path outputDirectory) {
    Path directory = outputDirectory.resolve(DIRECTORY);
    return Files.isDirectory(directory.resolve(LAYERS)) ? Optional.of(directory) : Optional.empty();
  }

  /** Removes the stand-ins a build left in {@code outputDirectory}, if any. */
  static void remove(Path outputDirectory) throws IOException {
    Path directory = outputDirectory.resolve(DIRECTORY);
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static boolean cached(Path cache, DescriptorDigest digest) {
    return Files.isDirectory(cache.resolve(LAYERS).resolve(digest.getHash()));
  }

  private static void write(Path cache, DescriptorDigest digest, DescriptorDigest diffId, long size)
      throws IOException {
    Path layer = cache.resolve(LAYERS).resolve(digest.getHash());
    Files.createDirectories(layer);
    try (RandomAccessFile file =
        new RandomAccessFile(layer.resolve(diffId.getHash()).toFile(), "rw")) {
      file.setLength(size);
    }
  }
}
