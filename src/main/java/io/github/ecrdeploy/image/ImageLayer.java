package io.github.ecrdeploy.image;

/**
 * One layer of a built image as image.json reports it.
 *
 * @param kind {@code base} or one of the {@link LayerKind} labels
 * @param digest the compressed blob digest
 * @param sizeBytes compressed size
 * @param reused true when the previous build produced the same layer (nothing to rebuild or upload)
 */
public record ImageLayer(String kind, String digest, long sizeBytes, boolean reused) {}
