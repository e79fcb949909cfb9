package io.github.ecrdeploy.lifecycle;

import io.github.ecrdeploy.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry-run and apply table of a {@link Simulation}: one line per image that would expire or be
 * archived, each platform image of an index on a line marked {@code └} under its index.
 */
public final class SimulationTable {

  private SimulationTable() {}

  /** The heading and the lines of the images the policy acts on. */
  public static List<String> lines(Simulation simulation) {
    List<SimulatedImage> acting =
        simulation.images().stream().filter(s -> s.action() != ImageAction.NONE).toList();
    long platformImages = acting.stream().filter(SimulatedImage::isPlatformImage).count();
    List<String> lines = new ArrayList<>();
    lines.add(
        "Simulation: "
            + acting.size()
            + " image(s) would expire or be archived"
            + (platformImages == 0
                ? ""
                : " (" + platformImages + " of them platform images going with their index)")
            + ", "
            + simulation.remaining()
            + " stay");
    for (SimulatedImage image : acting) {
      lines.add(image.isPlatformImage() ? platformLine(image) : line(image));
    }
    return lines;
  }

  private static String line(SimulatedImage image) {
    return String.format(
        "  %-10s %s %-30s pushed %s  %s",
        verb(image),
        Text.shortDigest(image.image().digest()),
        image.image().tags().isEmpty() ? "<untagged>" : String.join(",", image.image().tags()),
        image.image().pushedAt(),
        image.decidingRule().describe());
  }

  private static String platformLine(SimulatedImage image) {
    String platform = image.platform() == null ? "platform image" : image.platform();
    String tags =
        image.image().tags().isEmpty() ? "" : " " + String.join(",", image.image().tags());
    return String.format(
        "  %-10s   └ %s %s%s, with its index %s",
        verb(image),
        Text.shortDigest(image.image().digest()),
        platform,
        tags,
        Text.shortDigest(image.index()));
  }

  private static String verb(SimulatedImage image) {
    return image.action() == ImageAction.EXPIRE ? "expire" : "archive";
  }
}
