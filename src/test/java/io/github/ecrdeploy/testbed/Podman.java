package io.github.ecrdeploy.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code podman} with the settings this kind of machine needs (runc instead of crun, no
 * rlimits, host network), given in a {@code containers.conf} named by {@code CONTAINERS_CONF}. With
 * the host network a container's port is reachable on 127.0.0.1; port mappings are ignored.
 */
public final class Podman {

  /** The {@code containers.conf} content that makes a plain {@code podman run} work here. */
  public static final String CONTAINERS_CONF =
      """
      [containers]
      default_ulimits = []
      netns = "host"

      [engine]
      runtime = "runc"
      """;

  private final Path containersConf;

  /** Uses an existing {@code containers.conf} (see {@link #writeContainersConf(Path)}). */
  public Podman(Path containersConf) {
    this.containersConf = containersConf;
  }

  /** Writes {@link #CONTAINERS_CONF} to {@code file} and returns the file. */
  public static Path writeContainersConf(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, CONTAINERS_CONF);
    return file;
  }

  /** The {@code containers.conf} this instance passes as {@code CONTAINERS_CONF}. */
  public Path containersConf() {
    return containersConf;
  }

  /**
   * Runs {@code podman ARGS...} and returns its standard output; fails with its output when it
   * exits non-zero. Whoever creates containers or images removes them again by their id, never by a
   * broad filter.
   */
  public String run(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("CONTAINERS_CONF", containersConf.toString());
    return TestTools.run(timeout, builder, null);
  }
}
