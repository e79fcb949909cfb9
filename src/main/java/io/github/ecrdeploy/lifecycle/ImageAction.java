package io.github.ecrdeploy.lifecycle;

/** What a lifecycle evaluation does to an image. */
public enum ImageAction {
  /** The image stays where it is. */
  NONE,
  /** The image is deleted, with all its tags. */
  EXPIRE,
  /** The image moves to the archive storage class. */
  TRANSITION
}
