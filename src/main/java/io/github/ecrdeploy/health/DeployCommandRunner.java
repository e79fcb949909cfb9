package io.github.ecrdeploy.health;

import io.github.ecrdeploy.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code <health><deployCommand>} through {@code sh -c} with {@code ECR_IMAGE_URI}, {@code
 * ECR_IMAGE_DIGEST} and {@code ECR_IMAGE_TAGS} (comma-separated) added to its environment ({@code
 * ECR_ROLLBACK=true} too when it rolls an earlier image out again), streaming its output lines as
 * they come.
 */
public final class DeployCommandRunner {
  private final Map<String, String> environment;
  private final Path workingDirectory;

  /**
   * @param environment the base environment, normally {@code System.getenv()}
   * @param workingDirectory where the command runs, normally the project base directory
   */
  public DeployCommandRunner(Map<String, String> environment, Path workingDirectory) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
  }

  /**
   * Runs {@code command} and waits for it; interrupting the thread kills it.
   *
   * @param output gets each line of stdout and stderr at info level
   * @throws DeployCommandException when it cannot start or exits non-zero (with the exit code)
   */
  public void run(String command, DeployedImage image, Log output)
      throws DeployCommandException, InterruptedException {
    run(command, image, Map.of(), output);
  }

  /**
   * Runs {@code command} like {@link #run(String, DeployedImage, Log)}, with {@code extra}
   * variables (such as {@code ECR_ROLLBACK=true}) added to its environment.
   */
  public void run(String command, DeployedImage image, Map<String, String> extra, Log output)
      throws DeployCommandException, InterruptedException {
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(extra);
    env.put("ECR_IMAGE_URI", image.uri());
    env.put("ECR_IMAGE_DIGEST", image.digest());
    env.put("ECR_IMAGE_TAGS", String.join(",", image.tags()));
    int exit;
    try {
      exit =
          ProcessRunner.runToEnd(List.of("sh", "-c", command), env, workingDirectory, output::info);
    } catch (IOException e) {
      throw new DeployCommandException(
          "<health><deployCommand> cannot be started: " + e.getMessage(), e);
    }
    if (exit != 0) {
      throw new DeployCommandException(
          "<health><deployCommand> '" + command + "' failed with exit code " + exit, exit);
    }
  }
}
