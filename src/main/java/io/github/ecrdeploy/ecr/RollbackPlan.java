package io.github.ecrdeploy.ecr;

import java.util.List;
import java.util.Map;

/**
 * A checked roll-back: the promoted tags move from one image to another that ECR still has.
 *
 * @param repositoryUri {@code host/repository}, for the image URI the deploy command gets
 * @param from the image the first promoted tag points at now
 * @param to the image to roll back to
 * @param toTags the tags known to point at {@code to} (for {@code ECR_IMAGE_TAGS})
 * @param before where each promoted tag and its previous tag point now (absent: nowhere)
 */
public record RollbackPlan(
    String repositoryUri, String from, String to, List<String> toTags, Map<String, String> before) {

  public RollbackPlan {
    toTags = List.copyOf(toTags);
    before = Map.copyOf(before);
  }

  /** {@code host/repository@digest} of {@link #to}. */
  public String toUri() {
    return repositoryUri + "@" + to;
  }
}
