package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.ecrdeploy.Log;

/**
 * Forwards Jib's log events: errors and warnings as warnings, the rest at debug level, URL queries
 * removed.
 */
public final class JibLog {
  private JibLog() {}

  public static void forward(LogEvent event, Log log) {
    String message = JibFailures.withoutQueries(event.getMessage());
    switch (event.getLevel()) {
      case ERROR, WARN -> log.warn(message);
      default -> log.debug(message);
    }
  }
}
