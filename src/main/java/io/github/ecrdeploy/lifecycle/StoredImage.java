package io.github.ecrdeploy.lifecycle;

import java.util.List;
import java.util.Objects;

/**
 * What an image of the repository stores, for {@link StorageCost}.
 *
 * @param digest the manifest digest
 * @param sizeInBytes ECR's {@code imageSizeInBytes}: the compressed size of the image's layers
 * @param index true for an image index (manifest list): its platform images are images of their
 *     own, so the index itself adds no bytes
 * @param layers the image's layers when known; empty when only {@code sizeInBytes} is known, then
 *     the image counts as one layer of its own
 */
public record StoredImage(String digest, long sizeInBytes, boolean index, List<Layer> layers) {

  /** A layer blob: ECR stores it once per repository, however many images reference it. */
  public record Layer(String digest, long size) {}

  public StoredImage {
    Objects.requireNonNull(digest, "digest");
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  /** An image known only by its {@code imageSizeInBytes}. */
  public static StoredImage ofSize(String digest, long sizeInBytes, boolean index) {
    return new StoredImage(digest, sizeInBytes, index, List.of());
  }

  /** The blobs this image holds in the repository. */
  List<Layer> blobs() {
    if (index) {
      return List.of();
    }
    return layers.isEmpty() ? List.of(new Layer(digest, sizeInBytes)) : layers;
  }
}
