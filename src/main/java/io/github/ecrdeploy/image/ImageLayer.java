package io.github.ecrdeploy.image;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One layer of a built image as image.json reports it.
 *
 * @param kind {@code base} or one of the {@link LayerKind} labels
 * @param digest the compressed blob digest
 * @param sizeBytes compressed size
 * @param reused true when the previous build produced the same layer (nothing to rebuild or upload)
 * @param inputs what the layer is built from, or null when not recorded
 * @param changedBecause why the layer differs from the previous build's ({@link LayerChange}); null
 *     when reused or when there was no previous build
 */
public record ImageLayer(
    String kind,
    String digest,
    long sizeBytes,
    boolean reused,
    @JsonInclude(JsonInclude.Include.NON_NULL) LayerInputs inputs,
    @JsonInclude(JsonInclude.Include.NON_NULL) String changedBecause) {

  /** A layer without recorded inputs. */
  public ImageLayer(String kind, String digest, long sizeBytes, boolean reused) {
    this(kind, digest, sizeBytes, reused, null, null);
  }
}
