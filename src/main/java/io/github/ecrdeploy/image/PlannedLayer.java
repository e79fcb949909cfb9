package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;

/**
 * A layer the project adds on top of the base image.
 *
 * @param kind what the layer holds
 * @param label the name image.json reports: the kind's label, or a Spring Boot jar's layer name
 */
public record PlannedLayer(LayerKind kind, String label, FileEntriesLayer layer) {
  public PlannedLayer(LayerKind kind, FileEntriesLayer layer) {
    this(kind, kind.label(), layer);
  }
}
