package io.github.ecrdeploy.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The image indexes (manifest lists) of a repository and the platform images each references, read
 * from the index manifests. ECR keeps a platform image with its index: "If an image is referenced
 * by a manifest list, it cannot be expired or archived without the manifest list being deleted or
 * archived first" (ECR user guide, lifecycle policy evaluation rules).
 *
 * @param platformImages the platform images of each index, by the index's digest, in manifest order
 */
public record ImageIndexes(Map<String, List<PlatformImage>> platformImages) {

  /** A repository without indexes, or one whose indexes were not read. */
  public static final ImageIndexes NONE = new ImageIndexes(Map.of());

  /** The manifest media types of an image index: OCI's and Docker's manifest list. */
  public static final List<String> MEDIA_TYPES =
      List.of(
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  private static final ObjectMapper JSON = new ObjectMapper();

  public ImageIndexes {
    platformImages = Map.copyOf(platformImages);
  }

  /** Whether a manifest of this media type ({@code imageManifestMediaType}) is an image index. */
  public static boolean isIndex(String mediaType) {
    return MEDIA_TYPES.contains(mediaType);
  }

  /**
   * The platform images an index manifest lists ({@code manifests[]}: {@code digest} and {@code
   * platform}).
   *
   * @throws IllegalArgumentException when the manifest is not JSON
   */
  public static List<PlatformImage> platformImagesOf(String indexManifest) {
    JsonNode index;
    try {
      index = JSON.readTree(indexManifest);
    } catch (IOException e) {
      throw new IllegalArgumentException("An image index manifest is not JSON: " + e.getMessage());
    }
    List<PlatformImage> images = new ArrayList<>();
    for (JsonNode manifest : index.path("manifests")) {
      JsonNode platform = manifest.path("platform");
      String name =
          platform.hasNonNull("os") && platform.hasNonNull("architecture")
              ? platform.get("os").asText()
                  + '/'
                  + platform.get("architecture").asText()
                  + (platform.hasNonNull("variant") ? "/" + platform.get("variant").asText() : "")
              : null;
      images.add(new PlatformImage(manifest.path("digest").asText(), name));
    }
    return images;
  }

  /** The indexes among {@code present} that reference {@code digest}. */
  List<String> indexesOf(String digest, Set<String> present) {
    return platformImages.entrySet().stream()
        .filter(entry -> present.contains(entry.getKey()))
        .filter(entry -> entry.getValue().stream().anyMatch(p -> p.digest().equals(digest)))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** The platform {@code index} lists for {@code digest}, when it says. */
  Optional<String> platformOf(String index, String digest) {
    return platformImages.getOrDefault(index, List.of()).stream()
        .filter(p -> p.digest().equals(digest))
        .map(PlatformImage::platform)
        .filter(Objects::nonNull)
        .findFirst();
  }
}
