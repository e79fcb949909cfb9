package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ContainerConfigurationTemplate;
import com.google.cloud.tools.jib.image.json.ImageMetadataTemplate;
import com.google.cloud.tools.jib.image.json.ManifestAndConfigTemplate;
import com.google.cloud.tools.jib.image.json.ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import io.github.ecrdeploy.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What is known about {@code <from>} before Jib runs, asked of its registry in one session that is
 * opened on the first question (an archive or a reference by digest costs no request for {@link
 * #digest}): the digest it stands for now, and the manifest and config of the build's platform,
 * which is what Jib's cache keeps as an image's metadata.
 */
final class BaseImageLookup implements AutoCloseable {
  private static final String DEFAULT_OS = "linux";
  private static final String DEFAULT_ARCHITECTURE = "amd64";

  private final BaseImage from;
  private final BaseImage.Credentials credentials;
  private final boolean allowInsecure;
  private final Log log;
  private BaseRegistry registry;
  private ManifestAndDigest<?> manifest;

  BaseImageLookup(
      BaseImage from, BaseImage.Credentials credentials, boolean allowInsecure, Log log) {
    this.from = from;
    this.credentials = credentials;
    this.allowInsecure = allowInsecure;
    this.log = log;
  }

  /**
   * The base image's platform image as the registry describes it.
   *
   * @param manifest the platform's image manifest
   * @param config its container config
   * @param metadata Jib's cache metadata for {@code <from>} (with the image index, if any)
   */
  record Description(
      BuildableManifestTemplate manifest,
      ContainerConfigurationTemplate config,
      ImageMetadataTemplate metadata) {}

  /**
   * The current digest: for an archive the sha256 of the file, for a reference by digest that
   * digest, for a tag the digest of the manifest the registry serves for it. Empty when the
   * registry cannot tell (unreachable, refused): the caller then builds as usual and Jib reports
   * the problem.
   */
  Optional<String> digest() {
    if (from.tarFile().isPresent()) {
      try {
        return Optional.of(sha256(from.tarFile().get()));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    Optional<String> pinned = from.registryReference().orElseThrow().getDigest();
    if (pinned.isPresent()) {
      return pinned;
    }
    try {
      return Optional.of(manifest().getDigest().toString());
    } catch (IOException | RegistryException | ImageBuildException | RuntimeException e) {
      log.debug("Cannot ask for the digest of " + from.text() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The image for the build's platform (through an image index or manifest list if need be); empty
   * when {@code <from>} is an archive or the registry cannot describe it (the reason is logged at
   * debug level): the build then lets Jib ask, and Jib reports any problem.
   */
  Optional<Description> describe() {
    if (from.registryReference().isEmpty()) {
      return Optional.empty();
    }
    try {
      ManifestAndDigest<?> image = manifest();
      ManifestTemplate list = null;
      if (image.getManifest() instanceof ManifestListTemplate index) {
        list = index;
        image = session().client.pullManifest(platformDigest(index));
      }
      if (!(image.getManifest() instanceof BuildableManifestTemplate buildable)) {
        throw new IOException(
            "unsupported manifest " + image.getManifest().getClass().getSimpleName());
      }
      ContainerConfigurationTemplate config = config(buildable);
      if (config.getLayerCount() != buildable.getLayers().size()) {
        throw new IOException(
            "the config lists "
                + config.getLayerCount()
                + " layers, the manifest "
                + buildable.getLayers().size());
      }
      ManifestAndConfigTemplate entry =
          new ManifestAndConfigTemplate(buildable, config, image.getDigest().toString());
      return Optional.of(
          new Description(buildable, config, new ImageMetadataTemplate(list, List.of(entry))));
    } catch (IOException | RegistryException | ImageBuildException | RuntimeException e) {
      log.debug("Cannot describe the layers of " + from.text() + " ahead of the build: " + e);
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
  }

  /** {@code sha256:<hex>} of a file's content. */
  static String sha256(Path file) throws IOException {
    try (DigestInputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return "sha256:" + HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private BaseRegistry session() throws IOException, RegistryException, ImageBuildException {
    if (registry == null) {
      registry =
          BaseRegistry.open(
              from.registryReference().orElseThrow(), credentials, allowInsecure, log);
    }
    return registry;
  }

  /** The manifest {@code <from>} names: an image's, or an image index. */
  private ManifestAndDigest<?> manifest()
      throws IOException, RegistryException, ImageBuildException {
    if (manifest == null) {
      ImageReference reference = from.registryReference().orElseThrow();
      manifest = session().client.pullManifest(reference.getQualifier());
    }
    return manifest;
  }

  /** The digest Jib picks from an index for the build's platform (the first that matches). */
  private String platformDigest(ManifestListTemplate index) throws IOException {
    String os = from.platform().map(ImagePlatform::os).orElse(DEFAULT_OS);
    String architecture =
        from.platform().map(ImagePlatform::architecture).orElse(DEFAULT_ARCHITECTURE);
    List<String> digests = index.getDigestsForPlatform(architecture, os);
    if (digests.isEmpty()) {
      throw new IOException("no manifest for " + os + "/" + architecture);
    }
    return digests.get(0);
  }

  private ContainerConfigurationTemplate config(BuildableManifestTemplate manifest)
      throws IOException, RegistryException, ImageBuildException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    session()
        .client
        .pullBlob(manifest.getContainerConfiguration().getDigest(), size -> {}, written -> {})
        .writeTo(bytes);
    return JsonTemplateMapper.readJson(bytes.toByteArray(), ContainerConfigurationTemplate.class);
  }
}
