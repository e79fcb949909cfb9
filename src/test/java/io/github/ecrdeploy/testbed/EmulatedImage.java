package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One image (manifest digest) of an emulated repository, with its tags and the times ECR would
 * record.
 */
final class EmulatedImage {

  private static final AtomicLong DISCOVERY_ORDER = new AtomicLong();

  final String digest;
  final String manifestMediaType;

  /** The config media type of an image manifest; null for an index. */
  final String artifactMediaType;

  final byte[] manifest;

  /** Sum of the layer sizes (compressed) of an image manifest; 0 for an index. */
  final long layerBytes;

  /** Config and layer blobs an image manifest references. */
  final List<String> blobDigests;

  /** Manifests an index references. */
  final List<String> childDigests;

  final String subjectDigest;

  /**
   * Increases with every image the emulator discovers: breaks ties between equal push times (later
   * = newer).
   */
  final long discoveryOrder = DISCOVERY_ORDER.incrementAndGet();

  final Set<String> tags = new LinkedHashSet<>();
  Instant pushedAt;

  /** Set when a test seeded the push time: registry notifications then leave it alone. */
  boolean pushedAtSeeded;

  Instant lastPulledAt;
  Instant lastArchivedAt;
  boolean archived;

  private EmulatedImage(
      String digest,
      String mediaType,
      String artifactMediaType,
      byte[] manifest,
      long layerBytes,
      List<String> blobDigests,
      List<String> childDigests,
      String subjectDigest,
      Instant pushedAt) {
    this.digest = digest;
    this.manifestMediaType = mediaType;
    this.artifactMediaType = artifactMediaType;
    this.manifest = manifest;
    this.layerBytes = layerBytes;
    this.blobDigests = List.copyOf(blobDigests);
    this.childDigests = List.copyOf(childDigests);
    this.subjectDigest = subjectDigest;
    this.pushedAt = pushedAt;
  }

  /** Reads what ECR reports about an image from its manifest. */
  static EmulatedImage of(String digest, String mediaType, byte[] manifest, Instant pushedAt) {
    JsonNode json;
    try {
      json = WireJson.MAPPER.readTree(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("manifest " + digest + " is not JSON", e);
    }
    String type = mediaType != null ? mediaType : json.path("mediaType").asText(null);
    List<String> blobs = new ArrayList<>();
    List<String> children = new ArrayList<>();
    long size = 0;
    String artifactType = null;
    if (json.has("config")) {
      blobs.add(json.path("config").path("digest").asText());
      artifactType = json.path("config").path("mediaType").asText(null);
    }
    for (JsonNode layer : json.path("layers")) {
      blobs.add(layer.path("digest").asText());
      size += layer.path("size").asLong();
    }
    for (JsonNode child : json.path("manifests")) {
      children.add(child.path("digest").asText());
    }
    String subject = json.path("subject").path("digest").asText(null);
    return new EmulatedImage(
        digest, type, artifactType, manifest, size, blobs, children, subject, pushedAt);
  }

  boolean isIndex() {
    return !childDigests.isEmpty()
        || RegistryHttpApi.OCI_INDEX.equals(manifestMediaType)
        || RegistryHttpApi.DOCKER_MANIFEST_LIST.equals(manifestMediaType);
  }
}
