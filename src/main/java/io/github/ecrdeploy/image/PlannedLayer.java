package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;

/** A layer the project adds on top of the base image, with the kind reported in image.json. */
public record PlannedLayer(LayerKind kind, FileEntriesLayer layer) {}
