package io.github.ecrdeploy.image;

import java.util.Comparator;
import java.util.List;

/**
 * The result of {@code build}, written to {@code target/ecr-deploy/image.json} and read back by {@code push}.
 *
 * @param digest manifest digest, the digest the image has in any registry
 * @param imageId config digest
 * @param sizeBytes compressed size of all layers, base included (the number ECR reports)
 * @param baseImage the {@code <from>} value
 * @param baseImageDigest manifest digest of the base image (for archives: sha256 of the archive file)
 * @param created image creation time, ISO-8601
 * @param imageTar path of the image archive
 * @param layers the layers bottom-up
 */
public record BuiltImage(
    String digest,
    String imageId,
    long sizeBytes,
    String baseImage,
    String baseImageDigest,
    String created,
    String imageTar,
    List<ImageLayer> layers) {

  /** The {@code count} largest layers, largest first. */
  public List<ImageLayer> largestLayers(int count) {
    return layers.stream().sorted(Comparator.comparingLong(ImageLayer::sizeBytes).reversed()).limit(count).toList();
  }
}
