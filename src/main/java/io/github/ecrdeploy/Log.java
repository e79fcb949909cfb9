package io.github.ecrdeploy;

/** The core's view of the build log; the Maven layer adapts it to Maven's logger. */
public interface Log {
  void info(String message);

  void warn(String message);

  void debug(String message);
}
