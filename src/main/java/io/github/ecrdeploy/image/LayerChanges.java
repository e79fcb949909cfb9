package io.github.ecrdeploy.image;

/** Compares a built layer with the previous build's image.json: reused, or why it changed. */
final class LayerChanges {
  private LayerChanges() {}

  /**
   * The layer as image.json reports it.
   *
   * @param previous the previous build's image in the same output directory, or null
   */
  static ImageLayer layer(
      String kind, String digest, long size, LayerInputs inputs, BuiltImage previous) {
    if (previous == null) {
      return new ImageLayer(kind, digest, size, false, inputs, null);
    }
    boolean reused = previous.layers().stream().anyMatch(layer -> layer.digest().equals(digest));
    if (reused) {
      return new ImageLayer(kind, digest, size, true, inputs, null);
    }
    LayerInputs before =
        previous.layers().stream()
            .filter(layer -> layer.kind().equals(kind) && layer.inputs() != null)
            .map(ImageLayer::inputs)
            .findFirst()
            .orElse(null);
    boolean hadKind = previous.layers().stream().anyMatch(layer -> layer.kind().equals(kind));
    String reason =
        before == null && hadKind
            ? kind + ": changed — the previous build recorded no inputs"
            : LayerChange.reason(kind, before, inputs);
    return new ImageLayer(kind, digest, size, false, inputs, reason);
  }
}
