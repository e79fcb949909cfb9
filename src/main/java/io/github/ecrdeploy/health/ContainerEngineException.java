package io.github.ecrdeploy.health;

/**
 * A container engine command failed; the message holds the command (without environment values) and
 * its output.
 */
public class ContainerEngineException extends Exception {
  public ContainerEngineException(String message) {
    super(message);
  }

  public ContainerEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
