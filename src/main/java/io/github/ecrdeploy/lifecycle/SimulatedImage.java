package io.github.ecrdeploy.lifecycle;

/**
 * One image's fate in a {@link Simulation}.
 *
 * @param image the image
 * @param action what the policy does to it
 * @param decidingRule the rule that acts on it, or, for {@link ImageAction#NONE}, the
 *     highest-priority rule that selects it and so keeps it; {@code null} when no rule selects the
 *     image. For a platform image of an index: the rule that decides its index's fate
 * @param index for a platform image of an image index, the digest of the index it goes with (it is
 *     not ranked on its own); else {@code null}
 * @param platform for a platform image, its platform as the index lists it (e.g. {@code
 *     linux/arm64}), or {@code null}
 */
public record SimulatedImage(
    ImageRecord image,
    ImageAction action,
    LifecycleRule decidingRule,
    String index,
    String platform) {

  /** An image ranked on its own (not a platform image of an index). */
  public SimulatedImage(ImageRecord image, ImageAction action, LifecycleRule decidingRule) {
    this(image, action, decidingRule, null, null);
  }

  /** Whether this is a platform image that goes with its index. */
  public boolean isPlatformImage() {
    return index != null;
  }
}
