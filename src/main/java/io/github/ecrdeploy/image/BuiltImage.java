package io.github.ecrdeploy.image;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The result of {@code build}, written to {@code target/ecr-deploy/image.json} and read back by
 * {@code push}.
 *
 * <p>With {@code <platforms>}, {@code digest} and {@code mediaType} are those of the OCI image
 * index, {@code sizeBytes} is the largest platform image's (what ECR reports for an index), {@code
 * imageTar} is {@code image.tar} (a copy of {@code defaultPlatform}'s image, for {@code smoke}),
 * {@code layers} is empty and {@code platforms} describes each platform's image.
 *
 * @param digest manifest digest, the digest the image has in any registry
 * @param imageId config digest (null for an index)
 * @param sizeBytes compressed size of all layers, base included (the number ECR reports)
 * @param baseImage the {@code <from>} value
 * @param baseImageDigest manifest digest of the base image (for archives: sha256 of the archive
 *     file)
 * @param created image creation time, ISO-8601
 * @param imageTar path of the image archive; null when build did not write one ({@code <writeTar>})
 * @param directory where build wrote this image's files (absolute); null in an image.json written
 *     before this field existed
 * @param layers the layers bottom-up
 * @param platform {@code os/architecture[/variant]} of a platform's image; null when no platforms
 *     are configured
 * @param mediaType {@code application/vnd.oci.image.index.v1+json} for an index; null for a single
 *     image
 * @param defaultPlatform the platform whose image {@code imageTar} holds (an index only)
 * @param platforms the image of each platform, in the configured order (an index only)
 */
public record BuiltImage(
    String digest,
    @JsonInclude(JsonInclude.Include.NON_NULL) String imageId,
    long sizeBytes,
    String baseImage,
    String baseImageDigest,
    String created,
    String imageTar,
    @JsonInclude(JsonInclude.Include.NON_NULL) String directory,
    List<ImageLayer> layers,
    @JsonInclude(JsonInclude.Include.NON_NULL) String platform,
    @JsonInclude(JsonInclude.Include.NON_NULL) String mediaType,
    @JsonInclude(JsonInclude.Include.NON_NULL) String defaultPlatform,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<BuiltImage> platforms) {

  public BuiltImage {
    layers = layers == null ? List.of() : List.copyOf(layers);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  /** A single image (no {@code <platforms>}). */
  public BuiltImage(
      String digest,
      String imageId,
      long sizeBytes,
      String baseImage,
      String baseImageDigest,
      String created,
      String imageTar,
      String directory,
      List<ImageLayer> layers) {
    this(
        digest,
        imageId,
        sizeBytes,
        baseImage,
        baseImageDigest,
        created,
        imageTar,
        directory,
        layers,
        null,
        null,
        null,
        null);
  }

  /** Whether this describes an image index over {@link #platforms()}. */
  @JsonIgnore
  public boolean isIndex() {
    return !platforms.isEmpty();
  }

  /** This image as the image of {@code platform}, built on the base manifest {@code baseDigest}. */
  BuiltImage forPlatform(ImagePlatform platform, String baseDigest) {
    return new BuiltImage(
        digest,
        imageId,
        sizeBytes,
        baseImage,
        baseDigest,
        created,
        imageTar,
        directory,
        layers,
        platform.text(),
        null,
        null,
        null);
  }

  /**
   * The build's cache hit ratio: bytes of the layers reused from the previous build over the
   * image's bytes, 0 to 1 (3 decimals, rounded down: 1 only when every layer was reused); null for
   * an index.
   */
  @JsonProperty("cacheHitRatio")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public Double cacheHitRatio() {
    if (isIndex() || sizeBytes <= 0) {
      return null;
    }
    long reused = layers.stream().filter(ImageLayer::reused).mapToLong(ImageLayer::sizeBytes).sum();
    return Math.floor(reused * 1000.0 / sizeBytes) / 1000.0;
  }

  /**
   * Where build wrote this image's files: its archive, {@code manifest.json}, its application layer
   * cache and, for an index, {@code image-index.json}.
   */
  @JsonIgnore
  public Path outputDirectory() {
    return directory != null ? Path.of(directory) : Path.of(imageTar).toAbsolutePath().getParent();
  }

  /** The {@code count} largest layers, largest first. */
  public List<ImageLayer> largestLayers(int count) {
    return layers.stream()
        .sorted(Comparator.comparingLong(ImageLayer::sizeBytes).reversed())
        .limit(count)
        .toList();
  }
}
