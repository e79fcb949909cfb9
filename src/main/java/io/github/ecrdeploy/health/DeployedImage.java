package io.github.ecrdeploy.health;

import java.util.List;

/**
 * The pushed image a deploy command rolls out.
 *
 * @param uri the image reference, e.g. {@code
 *     123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2.0}
 * @param digest the manifest digest, e.g. {@code sha256:…}
 * @param tags the tags pushed with it
 */
public record DeployedImage(String uri, String digest, List<String> tags) {
  public DeployedImage {
    tags = List.copyOf(tags);
  }
}
