package io.github.ecrdeploy.lifecycle;

import java.util.Objects;

/**
 * An image that an image index (manifest list) references, as its index manifest lists it.
 *
 * @param digest the platform image's manifest digest
 * @param platform its {@code os/architecture[/variant]}, e.g. {@code linux/arm64}, or null when the
 *     index does not say
 */
public record PlatformImage(String digest, String platform) {

  public PlatformImage {
    Objects.requireNonNull(digest, "digest");
  }
}
