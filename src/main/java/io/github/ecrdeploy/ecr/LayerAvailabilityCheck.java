package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ImageLayer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;

/** Which layers of an image the repository lacks, through {@code BatchCheckLayerAvailability}. */
final class LayerAvailabilityCheck {
  private static final int BATCH = 100;

  private LayerAvailabilityCheck() {}

  /** The layers of {@code image} that are not yet in the repository. */
  static List<ImageLayer> missing(
      EcrClient ecr, String registryId, String repository, BuiltImage image)
      throws EcrDeployException {
    List<String> digests = image.layers().stream().map(ImageLayer::digest).distinct().toList();
    Set<String> available = new java.util.HashSet<>();
    for (int from = 0; from < digests.size(); from += BATCH) {
      List<String> batch = digests.subList(from, Math.min(digests.size(), from + BATCH));
      available.addAll(
          EcrCalls.call(
                  "BatchCheckLayerAvailability",
                  () ->
                      ecr.batchCheckLayerAvailability(
                          r ->
                              r.registryId(registryId)
                                  .repositoryName(repository)
                                  .layerDigests(batch)))
              .layers()
              .stream()
              .filter(layer -> layer.layerAvailability() == LayerAvailability.AVAILABLE)
              .map(l -> l.layerDigest())
              .collect(Collectors.toSet()));
    }
    return image.layers().stream().filter(layer -> !available.contains(layer.digest())).toList();
  }
}
