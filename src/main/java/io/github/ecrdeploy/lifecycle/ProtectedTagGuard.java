package io.github.ecrdeploy.lifecycle;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Finds the images a policy would expire or archive although they carry a protected tag (see {@link
 * ProtectedTag#defaults} for the protected set). ECR acts on whole images, so one unprotected rule
 * that selects such an image through another of its tags takes the protected tag with it.
 */
public final class ProtectedTagGuard {

  private ProtectedTagGuard() {}

  /**
   * The images of the simulation that carry one of {@code protectedTags} (exact tags) and would not
   * stay.
   */
  public static List<ProtectedImageAtRisk> imagesAtRisk(
      Simulation simulation, Collection<String> protectedTags) {
    Set<String> protectedSet = Set.copyOf(protectedTags);
    return simulation.images().stream()
        .filter(image -> image.action() != ImageAction.NONE)
        .map(
            image ->
                new ProtectedImageAtRisk(
                    image, image.image().tags().stream().filter(protectedSet::contains).toList()))
        .filter(atRisk -> !atRisk.protectedTags().isEmpty())
        .toList();
  }
}
