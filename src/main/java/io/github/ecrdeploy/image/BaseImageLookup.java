package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.ecrdeploy.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The digest {@code <from>} stands for now, without pulling the image: for an archive the sha256 of
 * the file, for a reference by digest that digest, for a tag the digest of the manifest the
 * registry serves for it (one small manifest request with Jib's {@link RegistryClient}, no layer).
 */
final class BaseImageDigest {
  private BaseImageDigest() {}

  /**
   * The current digest; empty when the registry cannot tell (unreachable, refused): the caller then
   * builds as usual and Jib reports the problem.
   */
  static Optional<String> current(
      BaseImage from, BaseImage.Credentials credentials, boolean allowInsecure, Log log) {
    if (from.tarFile().isPresent()) {
      try {
        return Optional.of(sha256(from.tarFile().get()));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    ImageReference reference = from.registryReference().orElseThrow();
    if (reference.getDigest().isPresent()) {
      return reference.getDigest();
    }
    try (BaseRegistry registry = BaseRegistry.open(reference, credentials, allowInsecure, log)) {
      return registry
          .client
          .checkManifest(reference.getQualifier())
          .map(manifest -> manifest.getDigest().toString());
    } catch (IOException | RegistryException | ImageBuildException | RuntimeException e) {
      log.debug("Cannot ask for the digest of " + from.text() + ": " + e.getMessage());
      return Optional.empty();
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
}
