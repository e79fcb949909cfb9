package io.github.ecrdeploy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.RecordingLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandRunnerTest {
  private static final DeployedImage IMAGE =
      new DeployedImage(
          "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2.0",
          "sha256:abc123",
          List.of("1.2.0", "latest"));

  @TempDir Path dir;
  private final List<String> output = new CopyOnWriteArrayList<>();

  @Test
  void passesTheImageInTheEnvironmentAndStreamsOutput() throws Exception {
    DeployCommandRunner runner = new DeployCommandRunner(System.getenv(), dir);

    runner.run(
        "echo \"uri=$ECR_IMAGE_URI\"; echo \"digest=$ECR_IMAGE_DIGEST\" >&2; echo"
            + " \"tags=$ECR_IMAGE_TAGS\"; pwd",
        IMAGE,
        RecordingLog.infoTo(output::add));

    assertEquals(
        List.of(
            "uri=123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2.0",
            "digest=sha256:abc123",
            "tags=1.2.0,latest",
            dir.toRealPath().toString()),
        output);
  }

  @Test
  void keepsTheBaseEnvironment() throws Exception {
    new DeployCommandRunner(Map.of("PATH", System.getenv("PATH"), "CLUSTER", "blue"), dir)
        .run("echo \"$CLUSTER\"", IMAGE, RecordingLog.infoTo(output::add));

    assertEquals(List.of("blue"), output);
  }

  @Test
  void nonZeroExitFailsWithTheExitCode() {
    DeployCommandRunner runner = new DeployCommandRunner(System.getenv(), dir);

    DeployCommandException e =
        assertThrows(
            DeployCommandException.class,
            () -> runner.run("echo rolling out; exit 3", IMAGE, RecordingLog.infoTo(output::add)));

    assertEquals(3, e.exitCode());
    assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
    assertTrue(e.getMessage().startsWith("<health><deployCommand>"), e.getMessage());
    assertEquals(List.of("rolling out"), output);
  }
}
