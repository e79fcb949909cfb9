package io.github.ecrdeploy.health;

import io.github.ecrdeploy.DurationParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a command with a given environment and hands each line of its merged stdout and stderr to a
 * consumer.
 */
final class ProcessRunner {
  private static final long OUTPUT_DRAIN_MILLIS = 5_000;

  private ProcessRunner() {}

  /**
   * Runs {@code command} with exactly {@code environment} and stdin closed, and returns its exit
   * code. When it outlives {@code timeout} or the thread is interrupted, it and its descendants are
   * killed.
   */
  static int run(
      List<String> command,
      Map<String, String> environment,
      Duration timeout,
      Consumer<String> lines)
      throws IOException, InterruptedException, TimeoutException {
    Running running = start(command, environment, null, lines);
    if (!running.waitFor(timeout)) {
      running.kill();
      throw new TimeoutException(
          command.get(0) + " did not finish within " + DurationParser.format(timeout));
    }
    return running.exitCode();
  }

  /** Like {@link #run}, in {@code directory} and without a time limit. */
  static int runToEnd(
      List<String> command, Map<String, String> environment, Path directory, Consumer<String> lines)
      throws IOException, InterruptedException {
    Running running = start(command, environment, directory, lines);
    running.waitFor(null);
    return running.exitCode();
  }

  private static Running start(
      List<String> command, Map<String, String> environment, Path directory, Consumer<String> lines)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    Thread reader = new Thread(() -> forwardLines(process, lines), "ecr-deploy-process-output");
    reader.setDaemon(true);
    reader.start();
    return new Running(process, reader);
  }

  private static void forwardLines(Process process, Consumer<String> lines) {
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = output.readLine()) != null) {
        lines.accept(line);
      }
    } catch (IOException e) {
      if (process.isAlive()) {
        throw new UncheckedIOException(e);
      }
      // The process was killed and its pipe closed under us: nothing more to read.
    }
  }

  /** A started process and the thread forwarding its output. */
  private record Running(Process process, Thread reader) {
    /**
     * Waits up to {@code timeout} ({@code null}: no limit); kills the process tree when
     * interrupted.
     */
    boolean waitFor(Duration timeout) throws InterruptedException {
      try {
        if (timeout == null) {
          process.waitFor();
          return true;
        }
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        kill();
        throw e;
      }
    }

    int exitCode() throws InterruptedException {
      // A background grandchild may hold the pipe open; do not wait for it forever.
      reader.join(OUTPUT_DRAIN_MILLIS);
      return process.exitValue();
    }

    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
