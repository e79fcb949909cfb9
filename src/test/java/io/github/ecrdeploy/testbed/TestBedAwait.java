package io.github.ecrdeploy.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Properties;

/**
 * Waits until a {@link TestBed} started in the background is ready: {@code TestBedAwait --state-dir
 * DIR [--timeout-seconds 300]}. Exits 0 once {@code DIR/ready} names a live test bed process; exits
 * 1 when the test bed reports a failure or the time is up, printing the end of {@code testbed.log}
 * and of the registry's log.
 */
public final class TestBedAwait {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

  private TestBedAwait() {}

  public static void main(String[] args) throws Exception {
    Path dir = null;
    Duration timeout = DEFAULT_TIMEOUT;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--state-dir" -> dir = Paths.get(args[i + 1]).toAbsolutePath();
        case "--timeout-seconds" -> timeout = Duration.ofSeconds(Long.parseLong(args[i + 1]));
        default ->
            throw new IllegalArgumentException(
                "Unknown option "
                    + args[i]
                    + "; usage: TestBedAwait --state-dir DIR [--timeout-seconds N]");
      }
    }
    if (dir == null || args.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Usage: TestBedAwait --state-dir DIR [--timeout-seconds N]");
    }
    String problem = await(dir, timeout);
    if (problem != null) {
      System.err.println("[testbed] " + problem);
      System.err.println("[testbed] end of " + dir.resolve(TestBed.LOG_FILE) + ":");
      System.err.print(TestTools.tail(dir.resolve(TestBed.LOG_FILE), 60));
      Path registryLog = dir.resolve("registry/registry.log");
      if (Files.exists(registryLog)) {
        System.err.println("[testbed] end of " + registryLog + ":");
        System.err.print(TestTools.tail(registryLog, 20));
      }
      System.exit(1);
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(TestBed.PROPERTIES_FILE))) {
      properties.load(in);
    }
    System.out.println(
        "[testbed] ready ("
            + readyField(dir, "startupMillis")
            + " ms): registry "
            + properties.getProperty(TestBed.REGISTRY_HOST_KEY)
            + ", base image "
            + properties.getProperty(TestBed.BASE_IMAGE_KEY)
            + ", emulator port "
            + properties.getProperty(TestBed.EMULATOR_PORT_KEY));
  }

  /** Returns null once the test bed in {@code dir} is ready, else why it is not. */
  static String await(Path dir, Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(dir.resolve(TestBed.FAILED_FILE))) {
        return "the test bed failed to start: "
            + Files.readString(dir.resolve(TestBed.FAILED_FILE)).trim();
      }
      String pid = readyField(dir, "pid");
      if (pid != null
          && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
        return null;
      }
      Thread.sleep(250);
    }
    return "the test bed in " + dir + " was not ready within " + timeout.toSeconds() + " s";
  }

  private static String readyField(Path dir, String name) throws IOException {
    Path ready = dir.resolve(TestBed.READY_FILE);
    Properties fields = new Properties();
    try (InputStream in = Files.newInputStream(ready)) {
      fields.load(in);
    } catch (NoSuchFileException e) {
      return null;
    }
    return fields.getProperty(name);
  }
}
