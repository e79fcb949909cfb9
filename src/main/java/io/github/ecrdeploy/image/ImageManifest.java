package io.github.ecrdeploy.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The built image's manifest, byte for byte, kept next to {@code image.json} as {@code
 * manifest.json}: {@code push} tags the image with these bytes instead of asking ECR for them
 * again.
 *
 * @param digest sha256 of {@code json}
 * @param mediaType the manifest's media type
 * @param json the manifest bytes (UTF-8)
 */
public record ImageManifest(String digest, String mediaType, String json) {
  public static final String FILE_NAME = "manifest.json";
  private static final String MEDIA_TYPE_FILE_NAME = "manifest.mediatype";

  /** Writes the manifest and its media type into {@code directory}. */
  static void write(Path directory, byte[] manifest, String mediaType) throws IOException {
    Files.write(directory.resolve(FILE_NAME), manifest);
    Files.writeString(directory.resolve(MEDIA_TYPE_FILE_NAME), mediaType);
  }

  /**
   * The manifest in {@code directory}, only if its digest is {@code expectedDigest} (a manifest
   * left over from an earlier build is ignored).
   */
  public static Optional<ImageManifest> read(Path directory, String expectedDigest)
      throws IOException {
    Path manifest = directory.resolve(FILE_NAME);
    Path mediaType = directory.resolve(MEDIA_TYPE_FILE_NAME);
    if (!Files.isRegularFile(manifest) || !Files.isRegularFile(mediaType)) {
      return Optional.empty();
    }
    byte[] bytes = Files.readAllBytes(manifest);
    String digest = sha256(bytes);
    if (!digest.equals(expectedDigest)) {
      return Optional.empty();
    }
    return Optional.of(
        new ImageManifest(
            digest, Files.readString(mediaType).trim(), new String(bytes, StandardCharsets.UTF_8)));
  }

  /** {@code sha256:<hex>} of {@code bytes}, the form of OCI digests. */
  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
