package io.github.ecrdeploy.lifecycle;

import java.util.List;

/**
 * The outcome of one lifecycle evaluation, per image, newest first (see {@link LifecycleSimulator}
 * for the order), each image index followed by its platform images.
 *
 * @param images every image of the repository with its fate
 */
public record Simulation(List<SimulatedImage> images) {

  public Simulation {
    images = List.copyOf(images);
  }

  /** The images that get this action. */
  public List<SimulatedImage> withAction(ImageAction action) {
    return images.stream().filter(image -> image.action() == action).toList();
  }

  /** How many images stay in the repository, in either storage class. */
  public int remaining() {
    return images.size() - withAction(ImageAction.EXPIRE).size();
  }

  /** How many images are in this storage class after the evaluation. */
  public int remaining(StorageClass storageClass) {
    return (int) images.stream().filter(image -> storageClassAfter(image) == storageClass).count();
  }

  private static StorageClass storageClassAfter(SimulatedImage image) {
    return switch (image.action()) {
      case NONE -> image.image().storageClass();
      case TRANSITION -> StorageClass.ARCHIVE;
      case EXPIRE -> null;
    };
  }
}
