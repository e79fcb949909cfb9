package io.github.ecrdeploy.lifecycle;

import java.util.List;

/**
 * An image carrying a protected tag that the policy would expire or archive.
 *
 * @param image the image, its action and the rule that takes it
 * @param protectedTags its tags that are protected
 */
public record ProtectedImageAtRisk(SimulatedImage image, List<String> protectedTags) {

  public ProtectedImageAtRisk {
    protectedTags = List.copyOf(protectedTags);
  }

  /** What happens and how to prevent it, for the build log. */
  public String message() {
    String verb = image.action() == ImageAction.EXPIRE ? "delete" : "archive";
    String tag = protectedTags.get(0);
    String carries =
        "Image "
            + image.image().digest()
            + " (tags "
            + String.join(", ", image.image().tags())
            + ") carries the protected tag"
            + (protectedTags.size() > 1 ? "s " : " ")
            + String.join(", ", protectedTags);
    if (image.isPlatformImage()) {
      return carries
          + ", but it is a platform image of the index "
          + image.index()
          + ", and "
          + image.decidingRule().describe()
          + " would "
          + verb
          + " that index; ECR "
          + (image.action() == ImageAction.EXPIRE ? "deletes" : "archives")
          + " a platform image with its index. Keep the index: add a rule with a smaller priority"
          + " number that selects one of the index's tags and keeps it.";
    }
    return carries
        + ", but "
        + image.decidingRule().describe()
        + " would "
        + verb
        + " it. ECR acts on whole images, so add a rule with a smaller priority number that selects"
        + " the tag and keeps it, e.g. tag pattern \""
        + tag
        + "\" (no wildcard: exactly that tag) with a large image count to keep.";
  }
}
