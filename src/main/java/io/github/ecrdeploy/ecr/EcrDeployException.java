package io.github.ecrdeploy.ecr;

/** A push or ECR problem, with a message that says what to fix; never contains tokens or keys. */
public class EcrDeployException extends Exception {
  public EcrDeployException(String message) {
    super(message);
  }

  public EcrDeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
