package io.github.ecrdeploy.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tag whose image the lifecycle guard keeps, and why.
 *
 * @param tag the exact tag
 * @param reason where its protection comes from, e.g. {@code <health><promoteTags>}
 */
public record ProtectedTag(String tag, String reason) {

  /**
   * The guard's protected set: {@code <protectedTags>}, the tags this build pushed, every {@code
   * <health><promoteTags>} tag (the images that serve) and each one's previous tag (the image a
   * roll-back goes to). A tag with several reasons is listed once with all of them.
   *
   * @param previousTag the previous tag of a promote tag, empty when history is off
   */
  public static List<ProtectedTag> defaults(
      List<String> configured,
      List<String> pushed,
      List<String> promoteTags,
      Function<String, Optional<String>> previousTag) {
    Map<String, List<String>> reasons = new LinkedHashMap<>();
    configured.forEach(tag -> add(reasons, tag, "<lifecyclePolicy><protectedTags>"));
    pushed.forEach(tag -> add(reasons, tag, "pushed by this build"));
    promoteTags.forEach(tag -> add(reasons, tag, "<health><promoteTags>"));
    for (String tag : promoteTags) {
      previousTag
          .apply(tag)
          .ifPresent(
              previous ->
                  add(reasons, previous, "previous image of " + tag + " (roll-back target)"));
    }
    List<ProtectedTag> tags = new ArrayList<>();
    reasons.forEach((tag, why) -> tags.add(new ProtectedTag(tag, String.join("; ", why))));
    return tags;
  }

  private static void add(Map<String, List<String>> reasons, String tag, String reason) {
    if (tag != null && !tag.isBlank()) {
      reasons.computeIfAbsent(tag, t -> new ArrayList<>()).add(reason);
    }
  }

  @Override
  public String toString() {
    return tag + " (" + reason + ")";
  }
}
