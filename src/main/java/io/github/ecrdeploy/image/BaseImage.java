package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The {@code <from>} image: a registry reference ({@code host/name:tag}, optionally prefixed with
 * {@code registry://}) or a {@code docker save}/OCI archive ({@code tar://path}).
 */
public final class BaseImage {
  static final String TAR_PREFIX = "tar://";
  static final String REGISTRY_PREFIX = "registry://";

  private final String text;
  private final ImageReference reference;
  private final Path tarFile;
  private final ImagePlatform platform;

  private BaseImage(String text, ImageReference reference, Path tarFile) {
    this(text, reference, tarFile, null);
  }

  private BaseImage(String text, ImageReference reference, Path tarFile, ImagePlatform platform) {
    this.text = text;
    this.reference = reference;
    this.tarFile = tarFile;
    this.platform = platform;
  }

  /**
   * Parses a {@code <from>} value; relative {@code tar://} paths resolve against {@code baseDir}.
   *
   * @throws ImageBuildException naming {@code <from>} when the value cannot be used
   */
  public static BaseImage parse(String text, Path baseDir) throws ImageBuildException {
    if (text == null || text.isBlank()) {
      throw new ImageBuildException(
          "<from> is empty: set it to a registry image (host/name:tag) or tar://path");
    }
    String value = text.trim();
    if (value.startsWith(TAR_PREFIX)) {
      Path file = baseDir.resolve(value.substring(TAR_PREFIX.length())).normalize();
      if (!Files.isRegularFile(file)) {
        throw new ImageBuildException("<from> " + value + ": no such file " + file);
      }
      if (!isImageArchive(file)) {
        throw new ImageBuildException(
            "<from> "
                + value
                + ": "
                + file
                + " is not an image archive (an uncompressed tar with a manifest.json, as docker"
                + " save or skopeo copy ... docker-archive:FILE write it)");
      }
      return new BaseImage(value, null, file);
    }
    if (value.startsWith(REGISTRY_PREFIX)) {
      value = value.substring(REGISTRY_PREFIX.length());
    } else if (value.contains("://")) {
      throw new ImageBuildException(
          "<from> "
              + value
              + ": unknown scheme '"
              + value.substring(0, value.indexOf("://") + 3)
              + "'; use a registry reference (host/name:tag, or registry://host/name:tag) or"
              + " tar://path (there is no Docker daemon support)");
    }
    try {
      return new BaseImage(text.trim(), ImageReference.parse(value), null);
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException(
          "<from> " + value + " is not a valid image reference (host/name:tag or name@sha256:...)");
    }
  }

  /**
   * Whether {@code file} is a tar with a top-level {@code manifest.json}, the archive format Jib
   * reads.
   */
  private static boolean isImageArchive(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        String name =
            entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        if (name.equals("manifest.json") && entry.isFile()) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException notATar) {
      return false;
    }
  }

  /** The value as the user wrote it. */
  public String text() {
    return text;
  }

  public Optional<ImageReference> registryReference() {
    return Optional.ofNullable(reference);
  }

  public Optional<Path> tarFile() {
    return Optional.ofNullable(tarFile);
  }

  /**
   * This registry image pinned to {@code digest}, the base digest {@code build} resolved: the push
   * then uses exactly the built base even if the tag moved, and Jib finds its manifest in the base
   * layer cache instead of asking the registry. Archives, images already referenced by digest and a
   * missing digest leave it unchanged.
   */
  public BaseImage pinnedTo(String digest) {
    if (reference == null
        || reference.getDigest().isPresent()
        || digest == null
        || !ImageReference.isValidDigest(digest)) {
      return this;
    }
    ImageReference pinned =
        ImageReference.of(reference.getRegistry(), reference.getRepository(), null, digest);
    return new BaseImage(text, pinned, null, platform);
  }

  /**
   * This image for one platform: from a multi-platform base (an image index or manifest list) the
   * image takes that platform's manifest; a single-platform base must be of that platform.
   */
  public BaseImage forPlatform(ImagePlatform platform) {
    return new BaseImage(text, reference, tarFile, platform);
  }

  /** The platform chosen with {@link #forPlatform}; empty for Jib's default (linux/amd64). */
  public Optional<ImagePlatform> platform() {
    return Optional.ofNullable(platform);
  }

  /** The registry host, for looking up credentials; empty for archives. */
  public Optional<String> registryHost() {
    return registryReference().map(ImageReference::getRegistry);
  }

  /**
   * A credential source for a registry base image; may return empty when anonymous access is
   * intended.
   */
  @FunctionalInterface
  public interface Credentials {
    Optional<Credential> forRegistry(String registryHost) throws ImageBuildException;
  }
}
