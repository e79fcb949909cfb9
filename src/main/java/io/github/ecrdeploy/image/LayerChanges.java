package io.github.ecrdeploy.image;

/** Compares a built layer with the previous build's image.json: reused, or why it changed. */
final class LayerChanges {
  private LayerChanges() {}

  /**
   * The layer as image.json reports it.
   *
   * @param label the layer's name in image.json (see {@link ImageLayer#label()})
   * @param previous the previous build's image in the same output directory, or null
   */
  static ImageLayer layer(
      LayerKind kind,
      String label,
      String digest,
      long size,
      LayerInputs inputs,
      BuiltImage previous) {
    if (previous == null) {
      return new ImageLayer(kind, label, digest, size, false, inputs, null);
    }
    boolean reused = previous.layers().stream().anyMatch(layer -> layer.digest().equals(digest));
    if (reused) {
      return new ImageLayer(kind, label, digest, size, true, inputs, null);
    }
    LayerInputs before =
        previous.layers().stream()
            .filter(layer -> sameLayer(layer, kind, label) && layer.inputs() != null)
            .map(ImageLayer::inputs)
            .findFirst()
            .orElse(null);
    boolean hadLayer = previous.layers().stream().anyMatch(layer -> sameLayer(layer, kind, label));
    String reason =
        before == null && hadLayer
            ? label + ": changed — the previous build recorded no inputs"
            : LayerChange.reason(label, before, inputs);
    return new ImageLayer(kind, label, digest, size, false, inputs, reason);
  }

  /** The previous build's layer of this kind (of a Spring Boot jar: with this index name). */
  private static boolean sameLayer(ImageLayer previous, LayerKind kind, String label) {
    return previous.kind() == kind && previous.label().equals(label);
  }
}
