package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link TestRegistry} directly (not through the emulator or a proxy), for assertions about
 * what a push left behind: where tags point, and whether every blob a tagged manifest needs is
 * really there.
 */
public final class RegistryInspector {
  private final RegistryHttpApi api;

  public RegistryInspector(TestRegistry registry) {
    this.api =
        new RegistryHttpApi(
            registry.host(), registry.user(), registry.password(), registry.sslContext());
  }

  /**
   * Every tag of the repository and the digest it points at; empty for a repository the registry
   * lacks.
   */
  public Map<String, String> tags(String repository) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : api.tags(repository)) {
      api.digestOf(repository, tag).ifPresent(digest -> tags.put(tag, digest));
    }
    return tags;
  }

  /** Whether the registry has a manifest with this digest in the repository. */
  public boolean hasManifest(String repository, String digest) {
    return api.digestOf(repository, digest).isPresent();
  }

  /**
   * The tags that point at an image with a blob missing (config, a layer, or for an index a child
   * manifest or its blobs), each with what is missing; empty when every tag points at a complete
   * image.
   */
  public List<String> incompleteTags(String repository) {
    List<String> incomplete = new ArrayList<>();
    for (Map.Entry<String, String> tag : tags(repository).entrySet()) {
      List<String> missing = missingBlobs(repository, tag.getValue());
      if (!missing.isEmpty()) {
        incomplete.add(tag.getKey() + " -> " + tag.getValue() + " lacks " + missing);
      }
    }
    return incomplete;
  }

  private List<String> missingBlobs(String repository, String digest) {
    Optional<RegistryHttpApi.Manifest> manifest = api.manifest(repository, digest);
    if (manifest.isEmpty()) {
      return List.of("manifest " + digest);
    }
    JsonNode json;
    try {
      json = WireJson.MAPPER.readTree(manifest.get().bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> missing = new ArrayList<>();
    for (JsonNode child : json.path("manifests")) {
      missing.addAll(missingBlobs(repository, child.path("digest").asText()));
    }
    List<JsonNode> blobs = new ArrayList<>();
    if (json.has("config")) {
      blobs.add(json.get("config"));
    }
    json.path("layers").forEach(blobs::add);
    for (JsonNode blob : blobs) {
      String blobDigest = blob.path("digest").asText();
      if (!api.blobExists(repository, blobDigest)) {
        missing.add("blob " + blobDigest);
      }
    }
    return missing;
  }
}
