package io.github.ecrdeploy.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * An OCI image index over one image per platform: its exact bytes (compact JSON, fields in a fixed
 * order, platforms in the configured order) and their sha256 digest, the digest the index has in
 * any registry. {@code build} writes the bytes to {@value #FILE_NAME}; {@code push} uploads them
 * unchanged.
 */
public final class ImageIndex {
  public static final String FILE_NAME = "image-index.json";
  public static final String MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
  static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One platform's image manifest. */
  public record Entry(ImagePlatform platform, String digest, long manifestSize) {}

  private final byte[] bytes;
  private final String digest;

  private ImageIndex(byte[] bytes) {
    this.bytes = bytes;
    this.digest = ImageManifest.sha256(bytes);
  }

  /**
   * The index over {@code entries}, in their order; the same entries always give the same bytes.
   */
  public static ImageIndex of(List<Entry> entries) {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MEDIA_TYPE);
    for (Entry entry : entries) {
      ObjectNode manifest = index.withArray("manifests").addObject();
      manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
      manifest.put("digest", entry.digest());
      manifest.put("size", entry.manifestSize());
      ObjectNode platform = manifest.putObject("platform");
      platform.put("architecture", entry.platform().architecture());
      platform.put("os", entry.platform().os());
      if (entry.platform().variant() != null) {
        platform.put("variant", entry.platform().variant());
      }
    }
    try {
      return new ImageIndex(JSON.writeValueAsBytes(index));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write an image index", e);
    }
  }

  /** The index {@code build} wrote to {@code file}, bytes unchanged. */
  public static ImageIndex read(Path file) throws IOException {
    return new ImageIndex(Files.readAllBytes(file));
  }

  /** Writes the exact bytes to {@code file}. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code sha256:...} of the bytes. */
  public String digest() {
    return digest;
  }
}
