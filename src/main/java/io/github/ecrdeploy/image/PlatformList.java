package io.github.ecrdeploy.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates {@code <platforms>} (user property {@code ecr.platforms}) before anything touches the
 * network.
 */
public final class PlatformList {
  static final String ELEMENT = "<platforms><platform>";

  private PlatformList() {}

  /**
   * The configured platforms in their order; empty when none are configured (then build makes one
   * image, not an index). Blank entries are ignored.
   *
   * @throws ImageBuildException naming the entry, e.g. {@code <platforms><platform>[2] 'linux' is
   *     not a platform}
   */
  public static List<ImagePlatform> parse(List<String> entries) throws ImageBuildException {
    List<ImagePlatform> platforms = new ArrayList<>();
    if (entries == null) {
      return platforms;
    }
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      if (entry == null || entry.isBlank()) {
        continue;
      }
      String element = ELEMENT + "[" + (i + 1) + "]";
      ImagePlatform platform = ImagePlatform.parse(entry, element);
      for (int j = 0; j < platforms.size(); j++) {
        ImagePlatform earlier = platforms.get(j);
        if (earlier.sameOsAndArchitecture(platform)) {
          throw new ImageBuildException(
              element
                  + " '"
                  + platform
                  + "' repeats "
                  + earlier
                  + ": list each os/architecture once (the base image's manifest is chosen by os"
                  + " and architecture)");
        }
      }
      platforms.add(platform);
    }
    return platforms;
  }
}
