package io.github.ecrdeploy.lifecycle;

/**
 * One image's fate in a {@link Simulation}.
 *
 * @param image the image
 * @param action what the policy does to it
 * @param decidingRule the rule that acts on it, or, for {@link ImageAction#NONE}, the
 *     highest-priority rule that selects it and so keeps it; {@code null} when no rule selects the
 *     image
 */
public record SimulatedImage(ImageRecord image, ImageAction action, LifecycleRule decidingRule) {}
