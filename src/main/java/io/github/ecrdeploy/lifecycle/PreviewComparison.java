package io.github.ecrdeploy.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The offline simulation next to ECR's own preview of the same policy: where they disagree. */
public final class PreviewComparison {
  private PreviewComparison() {}

  /** One line per image that only one of the two acts on, the simulation's first. */
  public static List<String> disagreements(Simulation simulation, List<PreviewedImage> preview) {
    Set<String> simulated =
        simulation.images().stream()
            .filter(s -> s.action() != ImageAction.NONE)
            .map(s -> s.image().digest())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> previewed =
        preview.stream().map(PreviewedImage::digest).collect(Collectors.toCollection(TreeSet::new));
    List<String> disagreements = new ArrayList<>();
    for (String digest : simulated) {
      if (!previewed.contains(digest)) {
        disagreements.add(digest + ": the simulation acts on it, ECR's preview does not");
      }
    }
    for (String digest : previewed) {
      if (!simulated.contains(digest)) {
        disagreements.add(digest + ": ECR's preview acts on it, the simulation does not");
      }
    }
    return disagreements;
  }
}
