package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ContainerConfigurationTemplate;
import com.google.cloud.tools.jib.image.json.ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import io.github.ecrdeploy.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A base layer cache for one build that holds stand-ins instead of the base image's layers: for
 * each layer a file named as Jib's cache names it ({@code layers/<digest>/<diff id>}) and of the
 * layer's size, but without content (a sparse file). Jib's daemon-less build takes each layer's
 * digest, size and diff id from there instead of downloading it, and only the archive stream, which
 * is discarded when no {@code image.tar} is written, carries the bytes. So a build without an
 * archive downloads the base image's manifest and config, never a layer; the image and its digest
 * are the same. The stand-ins live in a directory of their own, removed after the build: the shared
 * base layer cache only ever holds real layers.
 */
final class BaseLayerStandIns implements AutoCloseable {
  /** Jib's cache layout: {@code layers/<digest hash>/<diff id hash>}. */
  private static final String LAYERS = "layers";

  private static final String DEFAULT_OS = "linux";
  private static final String DEFAULT_ARCHITECTURE = "amd64";

  private final Path directory;

  private BaseLayerStandIns(Path directory) {
    this.directory = directory;
  }

  /**
   * Writes the stand-ins of {@code from}'s layers (for its platform) into a new {@code directory};
   * empty when {@code from} is an archive, when {@code sharedCache} already holds every layer, or
   * when the registry cannot describe the image: the build then uses the shared cache as usual (and
   * Jib reports any problem).
   */
  static Optional<BaseLayerStandIns> create(
      BaseImage from,
      BaseImage.Credentials credentials,
      boolean allowInsecure,
      Path sharedCache,
      Path directory,
      Log log) {
    if (from.registryReference().isEmpty()) {
      return Optional.empty();
    }
    ImageReference reference = from.registryReference().get();
    BaseLayerStandIns standIns = new BaseLayerStandIns(directory);
    try (BaseRegistry registry = BaseRegistry.open(reference, credentials, allowInsecure, log)) {
      standIns.delete();
      BuildableManifestTemplate manifest = platformManifest(registry, reference, from);
      ContainerConfigurationTemplate config = config(registry, manifest);
      List<BuildableManifestTemplate.ContentDescriptorTemplate> layers = manifest.getLayers();
      if (layers.stream().allMatch(layer -> cached(sharedCache, layer.getDigest()))) {
        return Optional.empty();
      }
      if (config.getLayerCount() != layers.size()) {
        throw new IOException(
            "the config lists "
                + config.getLayerCount()
                + " layers, the manifest "
                + layers.size());
      }
      for (int i = 0; i < layers.size(); i++) {
        standIns.write(
            layers.get(i).getDigest(), config.getLayerDiffId(i), layers.get(i).getSize());
      }
      return Optional.of(standIns);
    } catch (IOException | RegistryException | ImageBuildException | RuntimeException e) {
      log.debug(
          "Cannot describe the layers of "
              + from.text()
              + " ahead of the build: "
              + e.getMessage());
      standIns.close();
      return Optional.empty();
    }
  }

  /** The directory to hand Jib as its base image layer cache. */
  Path cacheDirectory() {
    return directory;
  }

  /** Removes the stand-ins. */
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
    Path layer = directory.resolve(LAYERS).resolve(digest.getHash());
    Files.createDirectories(layer);
    try (RandomAccessFile file =
        new RandomAccessFile(layer.resolve(diffId.getHash()).toFile(), "rw")) {
      file.setLength(size);
    }
  }

  private void delete() throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** The image manifest for the build's platform, through an index or manifest list if need be. */
  private static BuildableManifestTemplate platformManifest(
      BaseRegistry registry, ImageReference reference, BaseImage from)
      throws IOException, RegistryException {
    ManifestTemplate manifest =
        registry.client.pullManifest(reference.getQualifier()).getManifest();
    if (manifest instanceof ManifestListTemplate list) {
      String os = from.platform().map(ImagePlatform::os).orElse(DEFAULT_OS);
      String architecture =
          from.platform().map(ImagePlatform::architecture).orElse(DEFAULT_ARCHITECTURE);
      List<String> digests = list.getDigestsForPlatform(architecture, os);
      if (digests.isEmpty()) {
        throw new IOException("no manifest for " + os + "/" + architecture);
      }
      manifest = registry.client.pullManifest(digests.get(0)).getManifest();
    }
    if (manifest instanceof BuildableManifestTemplate buildable) {
      return buildable;
    }
    throw new IOException("unsupported manifest " + manifest.getClass().getSimpleName());
  }

  private static ContainerConfigurationTemplate config(
      BaseRegistry registry, BuildableManifestTemplate manifest) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    registry
        .client
        .pullBlob(manifest.getContainerConfiguration().getDigest(), size -> {}, written -> {})
        .writeTo(bytes);
    return JsonTemplateMapper.readJson(bytes.toByteArray(), ContainerConfigurationTemplate.class);
  }
}
