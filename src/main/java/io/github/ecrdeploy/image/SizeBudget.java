package io.github.ecrdeploy.image;

import java.util.stream.Collectors;

/** The {@code <maxImageSize>} check: compressed size, base image included. */
final class SizeBudget {
  private SizeBudget() {}

  static String overBudgetMessage(BuiltImage image, long budget) {
    return overBudgetMessage("The image", image, budget);
  }

  /** The message for {@code what} ("The image", "The linux/arm64 image") over {@code budget}. */
  static String overBudgetMessage(String what, BuiltImage image, long budget) {
    String largest =
        image.largestLayers(3).stream()
            .map(layer -> layer.label() + " " + ByteSize.format(layer.sizeBytes()))
            .collect(Collectors.joining(", "));
    return what
        + " is "
        + ByteSize.format(image.sizeBytes())
        + " compressed, over the <maxImageSize> budget of "
        + ByteSize.format(budget)
        + ". Largest layers: "
        + largest
        + ". Trim dependencies or the base image, or raise <maxImageSize> (ecr.maxImageSize).";
  }
}
