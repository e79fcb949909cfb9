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
 * stand-ins are removed after the build: the shared cache only ever holds real layers.
 */
final class BaseLayerStandIns implements AutoCloseable {
  /** Jib's cache layout: {@code layers/<digest hash>/<diff id hash>}. */
  private static final String LAYERS = "layers";

  private final Path cache;
  private final boolean own;

  private BaseLayerStandIns(Path cache, boolean own) {
    this.cache = cache;
    this.own = own;
  }

  /**
   * Prepares the cache for {@code pinned}, the base image referenced by its digest: {@code
   * sharedCache} if it holds every layer of {@code base}, else a new {@code directory} of
   * stand-ins.
   */
  static BaseLayerStandIns prepare(
      ImageReference pinned, BaseImageLookup.Description base, Path sharedCache, Path directory)
      throws IOException, CacheDirectoryCreationException {
    List<BuildableManifestTemplate.ContentDescriptorTemplate> layers = base.manifest().getLayers();
    BaseLayerStandIns prepared;
    if (layers.stream().allMatch(layer -> cached(sharedCache, layer.getDigest()))) {
      prepared = new BaseLayerStandIns(sharedCache, false);
    } else {
      prepared = new BaseLayerStandIns(directory, true);
      prepared.delete();
      for (int i = 0; i < layers.size(); i++) {
        prepared.write(
            layers.get(i).getDigest(), base.config().getLayerDiffId(i), layers.get(i).getSize());
      }
    }
    Cache.withDirectory(prepared.cache).writeMetadata(pinned, base.metadata());
    return prepared;
  }

  /** The directory to hand Jib as its base image layer cache. */
  Path cacheDirectory() {
    return cache;
  }

  /** Removes the stand-ins, if any. */
  @Override
  public void close() {
    try {
      delete();
    } catch (IOException e) {
      // inside the build's output directory: the next build or mvn clean removes it
    }
  }

  private static boolean cached(Path cache, DescriptorDigest digest) {
    return Files.isDirectory(cache.resolve(LAYERS).resolve(digest.getHash()));
  }

  private void write(DescriptorDigest digest, DescriptorDigest diffId, long size)
      throws IOException {
    Path layer = cache.resolve(LAYERS).resolve(digest.getHash());
    Files.createDirectories(layer);
    try (RandomAccessFile file =
        new RandomAccessFile(layer.resolve(diffId.getHash()).toFile(), "rw")) {
      file.setLength(size);
    }
  }

  private void delete() throws IOException {
    if (!own || !Files.exists(cache)) {
      return;
    }
    try (Stream<Path> files = Files.walk(cache)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
