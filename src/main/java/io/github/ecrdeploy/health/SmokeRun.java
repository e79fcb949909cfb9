package io.github.ecrdeploy.health;

import io.github.ecrdeploy.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the built image in a local container and holds it to the health gate: load the archive,
 * create and start a container on the host network, poll {@code http://127.0.0.1:<port>}, and
 * always remove the container by its id.
 */
public final class SmokeRun {
  private final Map<String, String> environment;
  private final Log log;

  /**
   * @param environment the environment engine commands run with, normally {@code System.getenv()}
   *     (it carries {@code PATH}, {@code CONTAINERS_CONF}, {@code DOCKER_HOST})
   * @param log gets the progress lines at info level
   */
  public SmokeRun(Map<String, String> environment, Log log) {
    this.environment = environment;
    this.log = log;
  }

  /**
   * Runs the smoke test of {@code imageArchive} (normally {@code target/ecr-deploy/image.tar}).
   *
   * @return green or red with the gate result (and, when red, the container's last {@value
   *     SmokeResult#LOG_LINES} log lines), or {@link SmokeResult.Outcome#NO_ENGINE} when no engine
   *     works here
   * @throws NoSuchFileException when the archive does not exist
   * @throws ContainerEngineException when loading, creating or starting fails
   */
  public SmokeResult run(SmokeSettings settings, Path imageArchive)
      throws IOException, ContainerEngineException, InterruptedException {
    if (!Files.isRegularFile(imageArchive)) {
      throw new NoSuchFileException(
          imageArchive.toString(), null, "image archive not found: run the build goal first");
    }
    EngineLookup lookup = ContainerEngine.find(settings.engine(), settings.runtime(), environment);
    Optional<ContainerEngine> found = lookup.found();
    if (found.isEmpty()) {
      return SmokeResult.noEngine(lookup.problem());
    }
    ContainerEngine engine = found.get();
    String image = engine.load(imageArchive);
    log.info("Loaded " + image + " into " + engine);
    String id = engine.create(image, settings.environment());
    try {
      try {
        engine.start(id);
      } catch (ContainerEngineException e) {
        throw new ContainerEngineException(e.getMessage() + logsSection(engine, id), e);
      }
      log.info("Started container " + id + "; polling port " + settings.port());
      HealthGateResult gate = new HealthGate(log).run(settings.gate());
      if (gate.green()) {
        return new SmokeResult(
            SmokeResult.Outcome.GREEN, null, engine.name(), image, id, gate, List.of());
      }
      return new SmokeResult(
          SmokeResult.Outcome.RED, null, engine.name(), image, id, gate, logs(engine, id));
    } finally {
      remove(engine, id);
    }
  }

  private static List<String> logs(ContainerEngine engine, String id) throws InterruptedException {
    try {
      return engine.logs(id, SmokeResult.LOG_LINES);
    } catch (ContainerEngineException e) {
      return List.of("(cannot read the container's logs: " + e.getMessage() + ")");
    }
  }

  private static String logsSection(ContainerEngine engine, String id) throws InterruptedException {
    return "\nLast log lines of container " + id + ":\n" + String.join("\n", logs(engine, id));
  }

  private void remove(ContainerEngine engine, String id) throws InterruptedException {
    try {
      engine.remove(id);
      log.info("Removed container " + id);
    } catch (ContainerEngineException e) {
      log.info(
          "Cannot remove container "
              + id
              + " (remove it with: "
              + engine.name()
              + " rm -f "
              + id
              + "): "
              + e.getMessage());
    }
  }
}
