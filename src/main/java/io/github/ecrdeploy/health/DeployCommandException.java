package io.github.ecrdeploy.health;

/** {@code <health><deployCommand>} could not be started or exited with a non-zero code. */
public class DeployCommandException extends Exception {
  private final int exitCode;

  public DeployCommandException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public DeployCommandException(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = -1;
  }

  /** The command's exit code, or -1 when it could not be started. */
  public int exitCode() {
    return exitCode;
  }
}
