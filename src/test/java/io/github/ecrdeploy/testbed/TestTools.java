package io.github.ecrdeploy.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools of the test bed: installs missing ones with {@code
 * src/test/sh/install-test-tools.sh} (the one place that knows the Debian packages) and runs
 * commands with a time limit.
 */
public final class TestTools {

  /** Relative location of the install script inside the project. */
  static final String INSTALL_SCRIPT = "src/test/sh/install-test-tools.sh";

  private static boolean installed;

  private TestTools() {}

  /**
   * Runs the install script once per JVM. It installs only what is missing (docker-registry,
   * skopeo, podman, runc, busybox-static, openssl, apache2-utils, maven, tinyproxy, gnupg), so it
   * is quick when everything is there.
   */
  public static synchronized void ensureInstalled() throws IOException, InterruptedException {
    if (installed) {
      return;
    }
    Path script = findInstallScript();
    run(Duration.ofMinutes(10), "bash", script.toString());
    installed = true;
  }

  /**
   * Looks for the install script from the working directory upwards (tests run in the project
   * directory).
   */
  static Path findInstallScript() throws IOException {
    String configured = System.getProperty("ecrdeploy.installTestTools");
    if (configured != null) {
      return Paths.get(configured);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(INSTALL_SCRIPT);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IOException(
        "Cannot find "
            + INSTALL_SCRIPT
            + " above "
            + Paths.get("").toAbsolutePath()
            + "; run the tests from the project directory or set"
            + " -Decrdeploy.installTestTools=PATH");
  }

  /**
   * Runs a command and returns its standard output. Fails with the command's output when it exits
   * non-zero or does not finish within {@code timeout}.
   */
  public static String run(Duration timeout, String... command)
      throws IOException, InterruptedException {
    return runWithInput(timeout, null, command);
  }

  /**
   * Like {@link #run(Duration, String...)}, with {@code stdin} (may be null) written to the
   * command's input.
   */
  public static String runWithInput(Duration timeout, String stdin, String... command)
      throws IOException, InterruptedException {
    return run(timeout, new ProcessBuilder(command), stdin);
  }

  /**
   * Runs a prepared command (its environment and directory as set on {@code builder}; its output
   * redirections are replaced) and returns its standard output, failing like {@link #run(Duration,
   * String...)}.
   */
  public static String run(Duration timeout, ProcessBuilder builder, String stdin)
      throws IOException, InterruptedException {
    String commandLine = String.join(" ", builder.command());
    Path out = Files.createTempFile("testbed-cmd", ".out");
    Path err = Files.createTempFile("testbed-cmd", ".err");
    try {
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            "Timed out after " + timeout + ": " + commandLine + "\n" + tail(err, 40));
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "Exit code "
                + process.exitValue()
                + ": "
                + commandLine
                + "\n"
                + tail(out, 20)
                + tail(err, 40));
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Starts a long-running child process that dies with this JVM, even when the JVM is killed: the
   * command runs under {@code setpriv --pdeathsig TERM}, and is started from a thread that lives as
   * long as the child (the kernel signals the child when the thread that started it ends).
   */
  public static Process startTiedToJvm(ProcessBuilder builder, String name) throws IOException {
    List<String> command = new ArrayList<>(List.of("setpriv", "--pdeathsig", "TERM", "--"));
    command.addAll(builder.command());
    builder.command(command);
    CompletableFuture<Process> started = new CompletableFuture<>();
    Thread owner =
        new Thread(
            () -> {
              Process process;
              try {
                process = builder.start();
              } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
                return;
              }
              started.complete(process);
              while (process.isAlive()) {
                try {
                  process.waitFor();
                } catch (InterruptedException e) {
                  // This thread must outlive the process; keep waiting.
                }
              }
            },
            name + "-owner");
    owner.setDaemon(true);
    owner.start();
    try {
      return started.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException("Cannot start " + name, e.getCause());
    }
  }

  /** The last {@code lines} lines of a text file, or an empty string when it does not exist. */
  public static String tail(Path file, int lines) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> last = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
      return last.isEmpty() ? "" : String.join("\n", last) + "\n";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")\n";
    }
  }
}
