package io.github.ecrdeploy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Log} that keeps every line ({@code INFO ...}, {@code WARN ...}, {@code DEBUG ...}) for
 * assertions.
 */
public final class RecordingLog implements Log {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  @Override
  public void debug(String message) {
    lines.add("DEBUG " + message);
  }

  /** A {@link Log} that hands each info message to {@code infos}, and drops the rest. */
  public static Log infoTo(Consumer<String> infos) {
    return new Log() {
      @Override
      public void info(String message) {
        infos.accept(message);
      }

      @Override
      public void warn(String message) {}

      @Override
      public void debug(String message) {}
    };
  }

  /** Every line so far, level first. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** The warnings so far, without the level. */
  public List<String> warnings() {
    return lines.stream().filter(l -> l.startsWith("WARN ")).map(l -> l.substring(5)).toList();
  }

  /** The whole log as one text. */
  public String text() {
    return String.join("\n", lines);
  }
}
