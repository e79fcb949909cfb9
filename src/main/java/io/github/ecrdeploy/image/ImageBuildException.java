package io.github.ecrdeploy.image;

/** A build problem the user can fix; the message names the POM element or input at fault. */
public class ImageBuildException extends Exception {
  public ImageBuildException(String message) {
    super(message);
  }

  public ImageBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
