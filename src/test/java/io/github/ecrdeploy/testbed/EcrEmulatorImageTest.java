package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageStatus;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * DescribeImages, BatchGetImage, PutImage and BatchDeleteImage over images Jib pushed to the real
 * registry.
 */
class EcrEmulatorImageTest extends EmulatorTestSupport {

  private static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  @Test
  void pushedImageIsDescribedRightAfterThePush() throws Exception {
    String repository = newRepository("describe", ImageTagMutability.MUTABLE);
    Instant before = Instant.now();
    String digest = push(repository, "first", "v1", "latest");

    List<ImageDetail> images = ecr.describeImages(r -> r.repositoryName(repository)).imageDetails();
    assertEquals(1, images.size());
    ImageDetail image = images.get(0);
    assertEquals(digest, image.imageDigest());
    assertEquals(Set.of("v1", "latest"), Set.copyOf(image.imageTags()));
    assertEquals(repository, image.repositoryName());
    assertEquals(EcrEmulator.REGISTRY_ID, image.registryId());
    assertEquals(DOCKER_MANIFEST, image.imageManifestMediaType());
    assertEquals("application/vnd.docker.container.image.v1+json", image.artifactMediaType());
    assertEquals(ImageStatus.ACTIVE, image.imageStatus());
    assertNull(image.lastRecordedPullTime());
    assertTrue(
        Duration.between(before, image.imagePushedAt()).compareTo(Duration.ofSeconds(-5)) > 0
            && Duration.between(image.imagePushedAt(), Instant.now())
                    .compareTo(Duration.ofMinutes(5))
                < 0,
        "pushed at " + image.imagePushedAt());

    JsonNode manifest = WireJson.parse(manifestOf(repository, "v1").imageManifest());
    long layerBytes = 0;
    for (JsonNode layer : manifest.path("layers")) {
      layerBytes += layer.path("size").asLong();
    }
    assertTrue(layerBytes > 0);
    assertEquals(layerBytes, image.imageSizeInBytes());
  }

  @Test
  void movedTagLeavesThePreviousImageUntagged() throws Exception {
    String repository = newRepository("moved", ImageTagMutability.MUTABLE);
    String first = push(repository, "first", "latest");
    Instant firstPushedAt =
        ecr.describeImages(r -> r.repositoryName(repository)).imageDetails().get(0).imagePushedAt();
    String second = push(repository, "second", "latest");

    List<ImageDetail> untagged =
        ecr.describeImages(
                r -> r.repositoryName(repository).filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
            .imageDetails();
    assertEquals(List.of(first), untagged.stream().map(ImageDetail::imageDigest).toList());
    assertFalse(untagged.get(0).hasImageTags(), "imageTags is absent for untagged images");
    assertEquals(firstPushedAt, untagged.get(0).imagePushedAt());
    List<ImageDetail> tagged =
        ecr.describeImages(
                r -> r.repositoryName(repository).filter(f -> f.tagStatus(TagStatus.TAGGED)))
            .imageDetails();
    assertEquals(List.of(second), tagged.stream().map(ImageDetail::imageDigest).toList());
    assertEquals(2, ecr.describeImages(r -> r.repositoryName(repository)).imageDetails().size());
  }

  @Test
  void paginatesImagesAndResolvesImageIds() throws Exception {
    String repository = newRepository("pages", ImageTagMutability.MUTABLE);
    Set<String> pushed =
        Set.of(push(repository, "a", "a"), push(repository, "b", "b"), push(repository, "c", "c"));
    emulator.clearCalls();
    Set<String> described =
        ecr
            .describeImagesPaginator(r -> r.repositoryName(repository).maxResults(1))
            .imageDetails()
            .stream()
            .map(ImageDetail::imageDigest)
            .collect(Collectors.toSet());
    assertEquals(pushed, described);
    assertEquals(3, emulator.calls("DescribeImages").size());

    List<ImageDetail> byId =
        ecr.describeImages(
                r ->
                    r.repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageTag("b").build()))
            .imageDetails();
    assertEquals(List.of("b"), byId.get(0).imageTags());

    ImageNotFoundException e =
        assertThrows(
            ImageNotFoundException.class,
            () ->
                ecr.describeImages(
                    r ->
                        r.repositoryName(repository)
                            .imageIds(ImageIdentifier.builder().imageTag("v9").build())));
    assertEquals(
        "The image with imageId {imageDigest:'null', imageTag:'v9'} does not exist within the"
            + " repository with name '"
            + repository
            + "' in the registry with id '123456789012'",
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void batchGetImageReturnsTheStoredManifestBytes() throws Exception {
    String repository = newRepository("get", ImageTagMutability.MUTABLE);
    String digest = push(repository, "content", "v1");

    Image image = manifestOf(repository, "v1");
    assertEquals(
        digest, EcrOperations.sha256(image.imageManifest().getBytes(StandardCharsets.UTF_8)));
    assertEquals(DOCKER_MANIFEST, image.imageManifestMediaType());
    assertEquals(digest, image.imageId().imageDigest());
    assertEquals("v1", image.imageId().imageTag());
    assertNotNull(
        ecr.describeImages(r -> r.repositoryName(repository))
            .imageDetails()
            .get(0)
            .lastRecordedPullTime(),
        "BatchGetImage counts as a pull");

    BatchGetImageResponse response =
        ecr.batchGetImage(
            r ->
                r.repositoryName(repository)
                    .imageIds(
                        ImageIdentifier.builder().imageTag("nope").build(),
                        ImageIdentifier.builder().imageDigest(digest).build(),
                        ImageIdentifier.builder().build()));
    assertEquals(1, response.images().size());
    assertEquals(2, response.failures().size());
    assertEquals(ImageFailureCode.IMAGE_NOT_FOUND, response.failures().get(0).failureCode());
    assertEquals("Requested image not found", response.failures().get(0).failureReason());
    assertEquals(ImageFailureCode.MISSING_DIGEST_AND_TAG, response.failures().get(1).failureCode());

    BatchGetImageResponse notAccepted =
        ecr.batchGetImage(
            r ->
                r.repositoryName(repository)
                    .imageIds(ImageIdentifier.builder().imageTag("v1").build())
                    .acceptedMediaTypes(OCI_MANIFEST));
    assertTrue(notAccepted.images().isEmpty());
    assertEquals(ImageFailureCode.IMAGE_NOT_FOUND, notAccepted.failures().get(0).failureCode());
  }

  @Test
  void putImageRetagsWithoutChangingThePushTime() throws Exception {
    String repository = newRepository("retag", ImageTagMutability.MUTABLE);
    String digest = push(repository, "content", "1.0.0");
    Instant pushedAt =
        ecr.describeImages(r -> r.repositoryName(repository)).imageDetails().get(0).imagePushedAt();
    Image image = manifestOf(repository, "1.0.0");

    Image put =
        ecr.putImage(
                r ->
                    r.repositoryName(repository)
                        .imageManifest(image.imageManifest())
                        .imageManifestMediaType(image.imageManifestMediaType())
                        .imageTag("prod")
                        .imageDigest(digest))
            .image();
    assertEquals(digest, put.imageId().imageDigest());
    assertEquals("prod", put.imageId().imageTag());
    assertEquals(image.imageManifest(), put.imageManifest());

    ImageDetail detail =
        ecr.describeImages(r -> r.repositoryName(repository)).imageDetails().get(0);
    assertEquals(Set.of("1.0.0", "prod"), Set.copyOf(detail.imageTags()));
    assertEquals(pushedAt, detail.imagePushedAt());
    assertEquals(digest, registryDigest(repository, "prod"), "the tag exists in the registry too");

    ImageAlreadyExistsException again =
        assertThrows(
            ImageAlreadyExistsException.class,
            () ->
                ecr.putImage(
                    r ->
                        r.repositoryName(repository)
                            .imageManifest(image.imageManifest())
                            .imageManifestMediaType(image.imageManifestMediaType())
                            .imageTag("prod")));
    assertEquals(
        "Image with digest '"
            + digest
            + "' and tag 'prod' already exists in the repository with name '"
            + repository
            + "' in registry with id '123456789012'",
        again.awsErrorDetails().errorMessage());
  }

  @Test
  void putImageMovesAMutableTagAndLeavesTheOldImageUntagged() throws Exception {
    String repository = newRepository("move-put", ImageTagMutability.MUTABLE);
    String old = push(repository, "old", "stable");
    String fresh = push(repository, "new", "candidate");
    Image candidate = manifestOf(repository, "candidate");

    ecr.putImage(
        r ->
            r.repositoryName(repository)
                .imageManifest(candidate.imageManifest())
                .imageManifestMediaType(candidate.imageManifestMediaType())
                .imageTag("stable"));

    assertEquals(fresh, registryDigest(repository, "stable"));
    List<ImageDetail> untagged =
        ecr.describeImages(
                r -> r.repositoryName(repository).filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
            .imageDetails();
    assertEquals(List.of(old), untagged.stream().map(ImageDetail::imageDigest).toList());
  }

  @Test
  void immutableTagCannotBeMovedByPutImage() throws Exception {
    String repository = newRepository("immutable", ImageTagMutability.IMMUTABLE);
    String released = push(repository, "release", "1.0.0");
    push(repository, "other", "1.0.1");
    Image other = manifestOf(repository, "1.0.1");

    ImageTagAlreadyExistsException e =
        assertThrows(
            ImageTagAlreadyExistsException.class,
            () ->
                ecr.putImage(
                    r ->
                        r.repositoryName(repository)
                            .imageManifest(other.imageManifest())
                            .imageManifestMediaType(other.imageManifestMediaType())
                            .imageTag("1.0.0")));
    assertEquals(
        "The image tag '1.0.0' already exists in the '"
            + repository
            + "' repository and cannot be "
            + "overwritten because the tag is immutable.",
        e.awsErrorDetails().errorMessage());
    assertEquals(released, registryDigest(repository, "1.0.0"));

    ecr.putImage(
        r ->
            r.repositoryName(repository)
                .imageManifest(other.imageManifest())
                .imageManifestMediaType(other.imageManifestMediaType())
                .imageTag("1.0.1-rc"));
    assertThrows(
        ImageAlreadyExistsException.class,
        () ->
            ecr.putImage(
                r ->
                    r.repositoryName(repository)
                        .imageManifest(other.imageManifest())
                        .imageManifestMediaType(other.imageManifestMediaType())
                        .imageTag("1.0.1")),
        "the same digest under the same tag is ImageAlreadyExists, also when immutable");
  }

  @Test
  void directPushOverAnImmutableTagIsRefusedWithTagInvalid() throws Exception {
    String repository = newRepository("immutable-direct", ImageTagMutability.IMMUTABLE);
    String released = push(repository, "release", "1.0.0");
    assertThrows(Exception.class, () -> push(repository, "sneaky", "1.0.0"));

    ImageDetail detail =
        ecr.describeImages(
                r ->
                    r.repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageTag("1.0.0").build()))
            .imageDetails()
            .get(0);
    assertEquals(released, detail.imageDigest());
    assertEquals(released, registryDigest(repository, "1.0.0"));
    assertTrue(
        emulator
            .registryRefusals()
            .contains("PUT /v2/" + repository + "/manifests/1.0.0: 400 TAG_INVALID"),
        emulator.registryRefusals().toString());
    assertTrue(emulator.violations().stream().noneMatch(v -> v.contains(repository)));
  }

  @Test
  void directRePushOfAnImmutableTagIsRefused() throws Exception {
    String repository = newRepository("immutable-again", ImageTagMutability.IMMUTABLE);
    push(repository, "release", "1.0.0");
    assertThrows(Exception.class, () -> push(repository, "release", "1.0.0"));
    assertTrue(
        emulator
            .registryRefusals()
            .contains("PUT /v2/" + repository + "/manifests/1.0.0: 400 TAG_INVALID"),
        emulator.registryRefusals().toString());
  }

  @Test
  void directPushFollowsTheExclusionFiltersOfBothModes() throws Exception {
    String immutable = uniqueName("immutable-except");
    ecr.createRepository(
        r ->
            r.repositoryName(immutable)
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(
                    f -> f.filterType("WILDCARD").filter("main-*")));
    push(immutable, "one", "1.0", "main-1");
    String moved = push(immutable, "two", "main-1");
    assertEquals(moved, registryDigest(immutable, "main-1"));
    assertThrows(Exception.class, () -> push(immutable, "three", "1.0"));

    String mutable = uniqueName("mutable-except");
    ecr.createRepository(
        r ->
            r.repositoryName(mutable)
                .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(
                    f -> f.filterType("WILDCARD").filter("release-*")));
    push(mutable, "one", "1.0", "release-1");
    String movedToo = push(mutable, "two", "1.0");
    assertEquals(movedToo, registryDigest(mutable, "1.0"));
    assertThrows(Exception.class, () -> push(mutable, "three", "release-1"));
    assertEquals(
        List.of(
            "PUT /v2/" + immutable + "/manifests/1.0: 400 TAG_INVALID",
            "PUT /v2/" + mutable + "/manifests/release-1: 400 TAG_INVALID"),
        emulator.registryRefusals().stream()
            .filter(r -> r.contains(immutable + "/") || r.contains(mutable + "/"))
            .toList());
  }

  @Test
  void putImageChecksDigestLayersAndMediaType() throws Exception {
    String repository = newRepository("put-errors", ImageTagMutability.MUTABLE);
    JibTestImages.push(
        registry.host(),
        registry.user(),
        registry.password(),
        repository,
        "oci",
        ImageFormat.OCI,
        "oci");
    Image oci = manifestOf(repository, "oci");
    assertEquals(OCI_MANIFEST, oci.imageManifestMediaType());

    ImageDigestDoesNotMatchException wrongDigest =
        assertThrows(
            ImageDigestDoesNotMatchException.class,
            () ->
                ecr.putImage(
                    r ->
                        r.repositoryName(repository)
                            .imageManifest(oci.imageManifest())
                            .imageTag("x")
                            .imageManifestMediaType(OCI_MANIFEST)
                            .imageDigest("sha256:" + "0".repeat(64))));
    assertEquals(
        "The specified image digest does not match the digest that Amazon ECR calculated for the"
            + " image.",
        wrongDigest.awsErrorDetails().errorMessage());

    ObjectNode withoutMediaType = (ObjectNode) WireJson.parse(oci.imageManifest());
    withoutMediaType.remove("mediaType");
    InvalidParameterException noType =
        assertThrows(
            InvalidParameterException.class,
            () ->
                ecr.putImage(
                    r ->
                        r.repositoryName(repository)
                            .imageManifest(WireJson.write(withoutMediaType))
                            .imageTag("no-type")));
    assertEquals(
        "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'",
        noType.awsErrorDetails().errorMessage());
    String untyped =
        ecr.putImage(
                r ->
                    r.repositoryName(repository)
                        .imageManifest(WireJson.write(withoutMediaType))
                        .imageManifestMediaType(OCI_MANIFEST)
                        .imageTag("typed"))
            .image()
            .imageId()
            .imageDigest();
    assertEquals(untyped, registryDigest(repository, "typed"));

    ObjectNode missingLayer = (ObjectNode) WireJson.parse(oci.imageManifest());
    String absent = "sha256:" + "1".repeat(64);
    ((ObjectNode) missingLayer.withArray("layers").get(0)).put("digest", absent);
    LayersNotFoundException layers =
        assertThrows(
            LayersNotFoundException.class,
            () ->
                ecr.putImage(
                    r ->
                        r.repositoryName(repository)
                            .imageManifest(WireJson.write(missingLayer))
                            .imageTag("broken")
                            .imageManifestMediaType(OCI_MANIFEST)));
    assertTrue(
        layers.awsErrorDetails().errorMessage().contains(absent),
        layers.awsErrorDetails().errorMessage());
  }

  @Test
  void batchDeleteImageUntagsByTagAndDeletesByDigest() throws Exception {
    String repository = newRepository("delete", ImageTagMutability.MUTABLE);
    String multi = push(repository, "multi", "1.0.0", "latest");
    String single = push(repository, "single", "0.9.0");
    String other = push(repository, "other", "0.8.0");

    BatchDeleteImageResponse untag =
        ecr.batchDeleteImage(
            r ->
                r.repositoryName(repository)
                    .imageIds(ImageIdentifier.builder().imageTag("latest").build()));
    assertEquals(multi, untag.imageIds().get(0).imageDigest());
    assertEquals("latest", untag.imageIds().get(0).imageTag());
    ImageDetail kept =
        ecr.describeImages(
                r ->
                    r.repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageDigest(multi).build()))
            .imageDetails()
            .get(0);
    assertEquals(List.of("1.0.0"), kept.imageTags());
    assertEquals(
        ImageFailureCode.IMAGE_NOT_FOUND,
        ecr.batchGetImage(
                r ->
                    r.repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageTag("latest").build()))
            .failures()
            .get(0)
            .failureCode());

    ecr.batchDeleteImage(
        r ->
            r.repositoryName(repository)
                .imageIds(ImageIdentifier.builder().imageTag("0.9.0").build()));
    assertNull(
        registryDigest(repository, single),
        "the last tag's removal deletes the image from the registry");

    BatchDeleteImageResponse byDigest =
        ecr.batchDeleteImage(
            r ->
                r.repositoryName(repository)
                    .imageIds(
                        ImageIdentifier.builder().imageDigest(other).build(),
                        ImageIdentifier.builder().imageTag("never").build(),
                        ImageIdentifier.builder().imageDigest("not-a-digest").build(),
                        ImageIdentifier.builder().imageDigest(multi).imageTag("0.8.0").build()));
    assertEquals(
        List.of(other), byDigest.imageIds().stream().map(ImageIdentifier::imageDigest).toList());
    assertNull(registryDigest(repository, other));
    assertEquals(
        List.of(
            ImageFailureCode.IMAGE_NOT_FOUND,
            ImageFailureCode.INVALID_IMAGE_DIGEST,
            ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST),
        byDigest.failures().stream().map(f -> f.failureCode()).toList());

    assertEquals(
        List.of(multi),
        ecr.describeImages(r -> r.repositoryName(repository)).imageDetails().stream()
            .map(ImageDetail::imageDigest)
            .toList());
  }

  @Test
  void seededPushTimeIsReported() throws Exception {
    String repository = newRepository("seeded", ImageTagMutability.MUTABLE);
    String digest = push(repository, "old", "v1");
    Instant longAgo = Instant.parse("2026-01-02T03:04:05.678Z");
    EcrEmulatorRepositoryTest.post(
        "/_emulator/images/pushedAt",
        "{\"repositoryName\":\""
            + repository
            + "\",\"imageTag\":\"v1\",\"pushedAt\":"
            + longAgo.toEpochMilli() / 1000.0
            + "}");
    assertEquals(
        longAgo,
        ecr.describeImages(r -> r.repositoryName(repository))
            .imageDetails()
            .get(0)
            .imagePushedAt());
    emulator.setLastPulledAt(repository, digest, longAgo.plusSeconds(60));
    assertEquals(
        longAgo.plusSeconds(60),
        ecr.describeImages(r -> r.repositoryName(repository))
            .imageDetails()
            .get(0)
            .lastRecordedPullTime());
  }

  @Test
  void imageIndexReferencesImagesOfTheRepository() throws Exception {
    String repository = newRepository("index", ImageTagMutability.MUTABLE);
    String amd64 =
        JibTestImages.push(
            registry.host(),
            registry.user(),
            registry.password(),
            repository,
            "amd64 content",
            ImageFormat.OCI,
            "amd64");
    JibTestImages.push(
        registry.host(),
        registry.user(),
        registry.password(),
        repository,
        "arm64 content, a little longer",
        ImageFormat.OCI,
        "arm64");
    ObjectNode index = WireJson.object().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
    long largest = 0;
    for (String tag : List.of("amd64", "arm64")) {
      Image child = manifestOf(repository, tag);
      index
          .withArray("manifests")
          .addObject()
          .put("mediaType", OCI_MANIFEST)
          .put("digest", child.imageId().imageDigest())
          .put("size", child.imageManifest().getBytes(StandardCharsets.UTF_8).length)
          .putObject("platform")
          .put("os", "linux")
          .put("architecture", tag);
      largest =
          Math.max(
              largest,
              ecr.describeImages(
                      r ->
                          r.repositoryName(repository)
                              .imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                  .imageDetails()
                  .get(0)
                  .imageSizeInBytes());
    }
    String indexDigest =
        ecr.putImage(
                r ->
                    r.repositoryName(repository)
                        .imageManifest(WireJson.write(index))
                        .imageTag("1.0.0"))
            .image()
            .imageId()
            .imageDigest();

    ImageDetail detail =
        ecr.describeImages(
                r ->
                    r.repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageTag("1.0.0").build()))
            .imageDetails()
            .get(0);
    assertEquals(indexDigest, detail.imageDigest());
    assertEquals(OCI_INDEX, detail.imageManifestMediaType());
    assertEquals(largest, detail.imageSizeInBytes(), "an index reports its largest image");

    BatchDeleteImageResponse refused =
        ecr.batchDeleteImage(
            r ->
                r.repositoryName(repository)
                    .imageIds(ImageIdentifier.builder().imageDigest(amd64).build()));
    assertEquals(
        ImageFailureCode.IMAGE_REFERENCED_BY_MANIFEST_LIST,
        refused.failures().get(0).failureCode());
    assertEquals(amd64, registryDigest(repository, amd64));

    ObjectNode dangling = index.deepCopy();
    ((ObjectNode) dangling.withArray("manifests").get(1)).put("digest", "sha256:" + "2".repeat(64));
    ReferencedImagesNotFoundException missing =
        assertThrows(
            ReferencedImagesNotFoundException.class,
            () ->
                ecr.putImage(
                    r ->
                        r.repositoryName(repository)
                            .imageManifest(WireJson.write(dangling))
                            .imageTag("broken")));
    assertTrue(missing.awsErrorDetails().errorMessage().contains("sha256:" + "2".repeat(64)));
  }

  @Test
  void indexPutByDigestThenTaggedKeepsItsBytesAndItsPlatformImagesStayImagesOfTheirOwn()
      throws Exception {
    String repository = newRepository("index-by-digest", ImageTagMutability.MUTABLE);
    JibTestImages.push(
        registry.host(),
        registry.user(),
        registry.password(),
        repository,
        "amd64 image",
        ImageFormat.OCI,
        "amd64");
    JibTestImages.push(
        registry.host(),
        registry.user(),
        registry.password(),
        repository,
        "arm64 image",
        ImageFormat.OCI,
        "arm64");
    List<String> children = new java.util.ArrayList<>();
    ObjectNode index = WireJson.object().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
    for (String arch : List.of("amd64", "arm64")) {
      Image child = manifestOf(repository, arch);
      children.add(child.imageId().imageDigest());
      index
          .withArray("manifests")
          .addObject()
          .put("mediaType", OCI_MANIFEST)
          .put("digest", child.imageId().imageDigest())
          .put("size", child.imageManifest().getBytes(StandardCharsets.UTF_8).length)
          .putObject("platform")
          .put("architecture", arch)
          .put("os", "linux");
    }
    String text = WireJson.write(index);
    String digest = EcrOperations.sha256(text.getBytes(StandardCharsets.UTF_8));

    Image put =
        ecr.putImage(
                r ->
                    r.repositoryName(repository)
                        .imageManifest(text)
                        .imageManifestMediaType(OCI_INDEX)
                        .imageDigest(digest))
            .image();
    assertEquals(digest, put.imageId().imageDigest());
    assertNull(put.imageId().imageTag());
    assertEquals(digest, registryDigest(repository, digest), "the registry holds the index");
    assertThrows(
        ImageAlreadyExistsException.class,
        () ->
            ecr.putImage(
                r ->
                    r.repositoryName(repository)
                        .imageManifest(text)
                        .imageManifestMediaType(OCI_INDEX)
                        .imageDigest(digest)));

    Image got =
        ecr.batchGetImage(
                r ->
                    r.repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageDigest(digest).build())
                        .acceptedMediaTypes(OCI_MANIFEST, OCI_INDEX))
            .images()
            .get(0);
    assertEquals(text, got.imageManifest(), "the exact bytes");
    assertEquals(OCI_INDEX, got.imageManifestMediaType());
    assertEquals(
        1,
        ecr.batchGetImage(
                r ->
                    r.repositoryName(repository)
                        .imageIds(ImageIdentifier.builder().imageDigest(digest).build())
                        .acceptedMediaTypes(OCI_MANIFEST))
            .failures()
            .size(),
        "an index is not an accepted image manifest");

    ecr.putImage(
        r ->
            r.repositoryName(repository)
                .imageManifest(got.imageManifest())
                .imageManifestMediaType(got.imageManifestMediaType())
                .imageDigest(digest)
                .imageTag("1.0.0"));
    assertEquals(digest, registryDigest(repository, "1.0.0"));
    List<ImageDetail> details =
        ecr.describeImages(r -> r.repositoryName(repository)).imageDetails();
    ImageDetail tagged =
        details.stream().filter(d -> d.imageDigest().equals(digest)).findFirst().orElseThrow();
    assertEquals(List.of("1.0.0"), tagged.imageTags());
    assertEquals(OCI_INDEX, tagged.imageManifestMediaType());
    for (String child : children) {
      ImageDetail detail =
          details.stream().filter(d -> d.imageDigest().equals(child)).findFirst().orElseThrow();
      assertEquals(OCI_MANIFEST, detail.imageManifestMediaType());
      assertFalse(
          detail.imageTags().contains("1.0.0"), child + " is not tagged with the index's tag");
    }
  }

  @Test
  void batchCallsRefuseMoreThan100ImageIdsWhole() throws Exception {
    String repository = newRepository("hundred", ImageTagMutability.MUTABLE);
    String digest = push(repository, "many ids", "v1", "v2");
    List<ImageIdentifier> ids =
        java.util.stream.IntStream.rangeClosed(1, 101)
            .mapToObj(n -> ImageIdentifier.builder().imageTag("v" + n).build())
            .toList();

    InvalidParameterException get =
        assertThrows(
            InvalidParameterException.class,
            () -> ecr.batchGetImage(r -> r.repositoryName(repository).imageIds(ids)));
    assertTrue(
        get.awsErrorDetails()
            .errorMessage()
            .contains(
                "'imageIds' failed to satisfy constraint: 'Member must have length less than"),
        get.awsErrorDetails().errorMessage());
    assertThrows(
        InvalidParameterException.class,
        () -> ecr.batchDeleteImage(r -> r.repositoryName(repository).imageIds(ids)));
    assertEquals(digest, registryDigest(repository, "v1"), "nothing was deleted");
    assertEquals(
        2,
        ecr.batchGetImage(r -> r.repositoryName(repository).imageIds(ids.subList(0, 100)))
            .images()
            .size(),
        "100 ids are taken: v1 and v2 found, the rest failures");
  }

  @Test
  void listImagesHasOneEntryPerTag() throws Exception {
    String repository = newRepository("list", ImageTagMutability.MUTABLE);
    String first = push(repository, "first", "v1", "latest");
    String second = push(repository, "second", "v2", "latest");
    String third = push(repository, "third", "v1");
    List<ImageIdentifier> all =
        ecr.listImagesPaginator(r -> r.repositoryName(repository).maxResults(1)).imageIds().stream()
            .toList();
    assertEquals(
        Set.of(first + " null", second + " v2", second + " latest", third + " v1"),
        all.stream().map(id -> id.imageDigest() + " " + id.imageTag()).collect(Collectors.toSet()));
    assertEquals(4, all.size());
    List<ImageIdentifier> untagged =
        ecr.listImages(
                r -> r.repositoryName(repository).filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
            .imageIds();
    assertEquals(List.of(first), untagged.stream().map(ImageIdentifier::imageDigest).toList());
  }

  private static Image manifestOf(String repository, String tag) {
    BatchGetImageResponse response =
        ecr.batchGetImage(
            r ->
                r.repositoryName(repository)
                    .imageIds(ImageIdentifier.builder().imageTag(tag).build())
                    .acceptedMediaTypes(DOCKER_MANIFEST, OCI_MANIFEST));
    assertTrue(response.failures().isEmpty(), response.failures().toString());
    return response.images().get(0);
  }

  /** The digest the registry itself resolves a tag or digest to; null when it does not have it. */
  private static String registryDigest(String repository, String reference) {
    return new RegistryHttpApi(
            registry.host(), registry.user(), registry.password(), registry.sslContext())
        .digestOf(repository, reference)
        .orElse(null);
  }
}
