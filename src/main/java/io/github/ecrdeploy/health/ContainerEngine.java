package io.github.ecrdeploy.health;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The podman or docker CLI, run with a given process environment (so {@code CONTAINERS_CONF} and
 * {@code DOCKER_HOST} are honoured) and an optional OCI runtime. Containers use the host network
 * and are addressed only by their own id.
 */
public final class ContainerEngine {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern LOADED =
      Pattern.compile("Loaded image(?:\\(s\\))?(?: ID)?:\\s*(\\S+)");
  private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{12,64}");
  private static final int OUTPUT_IN_MESSAGES = 20;

  private final String name;
  private final Path executable;
  private final Map<String, String> environment;
  private final String runtime;

  ContainerEngine(String name, Path executable, Map<String, String> environment, String runtime) {
    this.name = name;
    this.executable = executable;
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    this.runtime = runtime;
  }

  /**
   * Finds the engine to use: the candidates of {@code choice} in order, the first that is on {@code
   * PATH} (taken from {@code environment}) and answers {@code version} (a docker CLI without a
   * daemon does not).
   *
   * @param runtime OCI runtime ({@code --runtime}), or {@code null} for the engine's default
   * @param environment the environment engine commands run with, normally {@code System.getenv()}
   */
  public static EngineLookup find(
      EngineChoice choice, String runtime, Map<String, String> environment)
      throws InterruptedException {
    List<String> skipped = new ArrayList<>();
    for (String candidate : choice.candidates()) {
      Path executable = onPath(candidate, environment.getOrDefault("PATH", ""));
      if (executable == null) {
        skipped.add(candidate + " is not on PATH");
        continue;
      }
      ContainerEngine engine = new ContainerEngine(candidate, executable, environment, runtime);
      try {
        engine.execute(List.of("version"), PROBE_TIMEOUT);
        return new EngineLookup(engine, skipped);
      } catch (ContainerEngineException e) {
        skipped.add(e.getMessage());
      }
    }
    return new EngineLookup(null, skipped);
  }

  /** {@code podman} or {@code docker}. */
  public String name() {
    return name;
  }

  public Path executable() {
    return executable;
  }

  /**
   * Loads a {@code docker save}-style archive and returns the loaded image's name (or id when it
   * has no tag).
   */
  public String load(Path archive) throws ContainerEngineException, InterruptedException {
    List<String> output = execute(List.of("load", "-i", archive.toString()), LOAD_TIMEOUT);
    for (int i = output.size() - 1; i >= 0; i--) {
      Matcher m = LOADED.matcher(output.get(i));
      if (m.find()) {
        return m.group(1).split(",")[0];
      }
    }
    throw new ContainerEngineException(
        name + " load -i " + archive + " did not say which image it loaded:\n" + tail(output));
  }

  /**
   * Creates (not starts) a detached container on the host network from a local image, never
   * pulling. The environment is passed through a private env file, so values do not show in process
   * listings.
   *
   * @return the container's id
   */
  public String create(String image, Map<String, String> containerEnvironment)
      throws ContainerEngineException, InterruptedException {
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory("ecr-deploy-smoke");
      Path cidFile = workDir.resolve("cid");
      List<String> args = new ArrayList<>(List.of("create", "--cidfile", cidFile.toString()));
      args.addAll(List.of("--pull", "never", "--network", "host"));
      if (runtime != null && name.equals("docker")) {
        args.addAll(List.of("--runtime", runtime));
      }
      if (!containerEnvironment.isEmpty()) {
        Path envFile =
            Files.createFile(
                workDir.resolve("env"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        List<String> lines = new ArrayList<>();
        containerEnvironment.forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(envFile, lines);
        args.addAll(List.of("--env-file", envFile.toString()));
      }
      args.add(image);
      List<String> output = execute(args, COMMAND_TIMEOUT);
      String id = Files.exists(cidFile) ? Files.readString(cidFile).trim() : "";
      if (!CONTAINER_ID.matcher(id).matches()) {
        throw new ContainerEngineException(
            name + " create did not report a container id:\n" + tail(output));
      }
      return id;
    } catch (IOException e) {
      throw new ContainerEngineException(
          "cannot prepare " + name + " create: " + e.getMessage(), e);
    } finally {
      deleteQuietly(workDir);
    }
  }

  public void start(String containerId) throws ContainerEngineException, InterruptedException {
    execute(List.of("start", containerId), COMMAND_TIMEOUT);
  }

  /** The container's last {@code count} log lines (stdout and stderr). */
  public List<String> logs(String containerId, int count)
      throws ContainerEngineException, InterruptedException {
    return execute(List.of("logs", "--tail", String.valueOf(count), containerId), COMMAND_TIMEOUT);
  }

  /** Stops (after a short grace period) and removes the container. */
  public void remove(String containerId) throws ContainerEngineException, InterruptedException {
    List<String> args =
        name.equals("podman")
            ? List.of("rm", "-f", "-t", "2", containerId)
            : List.of("rm", "-f", containerId);
    execute(args, COMMAND_TIMEOUT);
  }

  private List<String> execute(List<String> args, Duration timeout)
      throws ContainerEngineException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    if (runtime != null && name.equals("podman")) {
      command.addAll(List.of("--runtime", runtime));
    }
    command.addAll(args);
    String shown = name + " " + String.join(" ", args);
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    try {
      int exit = ProcessRunner.run(command, environment, timeout, output::add);
      if (exit != 0) {
        throw new ContainerEngineException(
            shown + " failed with exit code " + exit + ":\n" + tail(output));
      }
      return List.copyOf(output);
    } catch (IOException e) {
      throw new ContainerEngineException("cannot run " + shown + ": " + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new ContainerEngineException(shown + ": " + e.getMessage() + "\n" + tail(output), e);
    }
  }

  private static String tail(List<String> output) {
    List<String> copy = List.copyOf(output);
    return String.join(
        "\n", copy.subList(Math.max(0, copy.size() - OUTPUT_IN_MESSAGES), copy.size()));
  }

  private static Path onPath(String executable, String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp dir is harmless; the env file in it is readable by its owner only
    }
  }

  @Override
  public String toString() {
    return name + " (" + executable + (runtime == null ? "" : ", runtime " + runtime) + ")";
  }
}
