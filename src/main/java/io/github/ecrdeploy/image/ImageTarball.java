package io.github.ecrdeploy.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the manifest of an OCI image archive as Jib writes it, from the small entries a {@link
 * TarEntryCollector} kept: layer digests and compressed sizes.
 */
final class ImageTarball {
  private static final long MAX_METADATA_BYTES = 4L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A blob reference from the manifest. */
  record Descriptor(String digest, long size) {}

  private final String manifestDigest;
  private final byte[] manifestBytes;
  private final String manifestMediaType;
  private final List<Descriptor> layers;

  private ImageTarball(
      String manifestDigest,
      byte[] manifestBytes,
      String manifestMediaType,
      List<Descriptor> layers) {
    this.manifestDigest = manifestDigest;
    this.manifestBytes = manifestBytes;
    this.manifestMediaType = manifestMediaType;
    this.layers = layers;
  }

  /** A stream to write an OCI image archive into; {@link #of} then reads what it kept. */
  static TarEntryCollector collector() {
    return new TarEntryCollector(MAX_METADATA_BYTES);
  }

  /** The archive written into {@code collector}; {@code source} names it in errors. */
  static ImageTarball of(TarEntryCollector collector, String source) throws IOException {
    Map<String, byte[]> smallEntries = collector.entries();
    byte[] index = smallEntries.get("index.json");
    if (index == null) {
      throw new IOException(source + " is not an OCI image archive (no index.json)");
    }
    JsonNode entry = JSON.readTree(index).path("manifests").path(0);
    String manifestDigest = entry.path("digest").asText();
    byte[] manifestBytes = smallEntries.get(blobPath(manifestDigest));
    if (manifestBytes == null) {
      throw new IOException(source + " has no manifest blob " + manifestDigest);
    }
    JsonNode manifest = JSON.readTree(manifestBytes);
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      layers.add(descriptor(layer));
    }
    String mediaType =
        manifest
            .path("mediaType")
            .asText(entry.path("mediaType").asText(ImageIndex.MANIFEST_MEDIA_TYPE));
    return new ImageTarball(manifestDigest, manifestBytes, mediaType, layers);
  }

  private static Descriptor descriptor(JsonNode node) {
    return new Descriptor(node.path("digest").asText(), node.path("size").asLong());
  }

  private static String blobPath(String digest) {
    return "blobs/" + digest.replace(':', '/');
  }

  String manifestDigest() {
    return manifestDigest;
  }

  /** The manifest exactly as stored in the archive. */
  byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  String manifestMediaType() {
    return manifestMediaType;
  }

  List<Descriptor> layers() {
    return layers;
  }
}
