package io.github.ecrdeploy.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The build under Maven's {@code --offline}: Jib then takes a registry base image only from the
 * base image layer cache, and fails when it is not there (a {@code tar://} base needs no cache).
 */
final class OfflineBaseImage {
  private static final String JIB_OFFLINE_FAILURE = "Cannot run Jib in offline mode";

  private OfflineBaseImage() {}

  /**
   * What to tell the user when {@code failure} is Jib missing the base image offline; empty for
   * other failures.
   */
  static Optional<String> notCached(Throwable failure, BaseImage from, Path cache) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith(JIB_OFFLINE_FAILURE)) {
        return Optional.of(
            "The base image <from> "
                + from.text()
                + " is not (completely) in the base image cache "
                + cache
                + " (<baseImageCache>, ecr.baseImageCache), and Maven runs offline (--offline/-o),"
                + " so it cannot be pulled. Build once without -o and with"
                + " -Decr.alwaysCacheBaseImage=true (<alwaysCacheBaseImage>) to cache it, or use a"
                + " tar:// base image.");
      }
    }
    return Optional.empty();
  }
}
