package io.github.ecrdeploy.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One layer of a built image as image.json reports it.
 *
 * @param kind what the layer holds
 * @param label the name image.json gives it (its {@code kind} field): the kind's label, or for a
 *     {@link LayerKind#SPRING_BOOT} layer the name in the jar's layer index
 * @param digest the compressed blob digest
 * @param sizeBytes compressed size
 * @param reused true when the previous build produced the same layer (nothing to rebuild or upload)
 * @param inputs what the layer is built from, or null when not recorded
 * @param changedBecause why the layer differs from the previous build's ({@link LayerChange}); null
 *     when reused or when there was no previous build
 */
public record ImageLayer(
    LayerKind kind,
    String label,
    String digest,
    long sizeBytes,
    boolean reused,
    LayerInputs inputs,
    String changedBecause) {

  /** A layer without recorded inputs. */
  public ImageLayer(LayerKind kind, String label, String digest, long sizeBytes, boolean reused) {
    this(kind, label, digest, sizeBytes, reused, null, null);
  }

  /** A layer labelled with its kind's label, without recorded inputs. */
  public ImageLayer(LayerKind kind, String digest, long sizeBytes, boolean reused) {
    this(kind, kind.label(), digest, sizeBytes, reused);
  }

  /** The layer in image.json. */
  record Json(
      String kind,
      String digest,
      long sizeBytes,
      boolean reused,
      @JsonInclude(JsonInclude.Include.NON_NULL) LayerInputs inputs,
      @JsonInclude(JsonInclude.Include.NON_NULL) String changedBecause) {}

  @JsonValue
  Json json() {
    return new Json(label, digest, sizeBytes, reused, inputs, changedBecause);
  }

  /**
   * A layer read back from image.json: a label that is no kind's is a Spring Boot index layer (one
   * named like a kind reads back as that kind).
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ImageLayer fromJson(Json json) {
    return new ImageLayer(
        LayerKind.ofLabel(json.kind()),
        json.kind(),
        json.digest(),
        json.sizeBytes(),
        json.reused(),
        json.inputs(),
        json.changedBecause());
  }
}
