package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The ECR operations the emulator answers, request JSON in, response JSON out (ecr-api.md §2.4).
 * Failures are thrown as {@link EcrServiceError}. Callers hold the state's lock.
 */
final class EcrOperations {

  static final List<String> OPERATIONS =
      List.of(
          "GetAuthorizationToken",
          "DescribeRepositories",
          "CreateRepository",
          "DescribeImages",
          "ListImages",
          "BatchGetImage",
          "BatchCheckLayerAvailability",
          "PutImage",
          "BatchDeleteImage",
          "PutLifecyclePolicy",
          "GetLifecyclePolicy",
          "DeleteLifecyclePolicy",
          "StartLifecyclePolicyPreview",
          "GetLifecyclePolicyPreview");

  private static final Pattern DIGEST = Pattern.compile("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+");
  private static final Pattern EXCLUSION_FILTER = Pattern.compile("^[0-9a-zA-Z._*-]{1,128}$");
  private static final List<String> MUTABILITIES =
      List.of("MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION");
  private static final List<String> TAG_STATUS = List.of("TAGGED", "UNTAGGED", "ANY");
  private static final List<String> IMAGE_STATUS =
      List.of("ACTIVE", "ARCHIVED", "ACTIVATING", "ANY");
  private static final String IMAGE_NOT_FOUND_REASON = "Requested image not found";

  private final EmulatorState state;
  private final String region;
  private final String caller;
  private final Function<String, Optional<EmulatorState>> accounts;
  private String operation;

  /** Operations of {@code state}'s own account on its registry. */
  EcrOperations(EmulatorState state, String region) {
    this(state, region, state.registryId, id -> Optional.empty());
  }

  /**
   * Operations of account {@code caller} on {@code state}'s registry (which may be another
   * account's, reached with {@code registryId}).
   *
   * @param accounts the emulated accounts' registries by account id, for GetAuthorizationToken
   */
  EcrOperations(
      EmulatorState state,
      String region,
      String caller,
      Function<String, Optional<EmulatorState>> accounts) {
    this.state = state;
    this.region = region;
    this.caller = caller;
    this.accounts = accounts;
  }

  JsonNode handle(String operation, ObjectNode body) {
    this.operation = operation;
    RequestFields request = new RequestFields(body);
    return switch (operation) {
      case "GetAuthorizationToken" -> getAuthorizationToken(request);
      case "DescribeRepositories" -> describeRepositories(request);
      case "CreateRepository" -> createRepository(request);
      case "DescribeImages" -> describeImages(request);
      case "ListImages" -> listImages(request);
      case "BatchGetImage" -> batchGetImage(request);
      case "BatchCheckLayerAvailability" -> batchCheckLayerAvailability(request);
      case "PutImage" -> putImage(request);
      case "BatchDeleteImage" -> batchDeleteImage(request);
      case "PutLifecyclePolicy" -> putLifecyclePolicy(request);
      case "GetLifecyclePolicy" -> getLifecyclePolicy(request, false);
      case "DeleteLifecyclePolicy" -> getLifecyclePolicy(request, true);
      case "StartLifecyclePolicyPreview" -> startLifecyclePolicyPreview(request);
      case "GetLifecyclePolicyPreview" -> getLifecyclePolicyPreview(request);
      default ->
          throw new EcrServiceError(
              "UnknownOperationException",
              "The operation " + operation + " is not supported by the ECR emulator");
    };
  }

  /**
   * One entry per requested registry (the caller's own without {@code registryIds}): the token and
   * {@code proxyEndpoint} of that account's registry, so a token is valid only at the registry it
   * names. With {@code registryIds: [ID]} ECR answers the {@code proxyEndpoint} of that registry
   * (ecr-api.md §2.4.1 and field notes, "Registry host of another account"); an account the
   * emulator does not model gets its real host name, which does not resolve here.
   */
  private JsonNode getAuthorizationToken(RequestFields request) {
    ArrayNode ids = request.optionalList("registryIds", 1, 10).orElse(null);
    List<String> registries = new ArrayList<>();
    if (ids == null) {
      registries.add(caller);
    } else {
      for (JsonNode id : ids) {
        if (!id.asText().matches("[0-9]{12}")) {
          throw EcrServiceError.invalidParameter(
              "registryIds", "Member must satisfy regular expression pattern: [0-9]{12}");
        }
        registries.add(id.asText());
      }
    }
    ObjectNode response = WireJson.object();
    ArrayNode data = response.putArray("authorizationData");
    for (String registryId : registries) {
      Optional<EmulatorState> account =
          registryId.equals(state.registryId) ? Optional.of(state) : accounts.apply(registryId);
      String password = account.orElse(state).registryPassword;
      String endpoint;
      if (account.isPresent()) {
        synchronized (account.get()) {
          endpoint = account.get().proxyEndpoint();
        }
      } else {
        endpoint =
            "https://"
                + registryId
                + ".dkr.ecr."
                + region
                + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
      }
      data.addObject()
          .put(
              "authorizationToken",
              Base64.getEncoder()
                  .encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)))
          .put("proxyEndpoint", endpoint)
          .set("expiresAt", WireJson.timestamp(state.clock.instant().plus(Duration.ofHours(12))));
    }
    return response;
  }

  private JsonNode describeRepositories(RequestFields request) {
    String registryId = request.registryId().orElse(caller);
    ArrayNode names = request.optionalList("repositoryNames", 1, 100).orElse(null);
    Optional<Integer> maxResults = request.optionalInt("maxResults", 1, 1000);
    Optional<String> nextToken = request.optionalString("nextToken", 0, Integer.MAX_VALUE);
    List<RepositoryRecord> found = new ArrayList<>();
    if (names != null) {
      if (maxResults.isPresent() || nextToken.isPresent()) {
        throw EcrServiceError.invalidParameter(
            "repositoryNames",
            "nextToken and maxResults cannot be used together with repositoryNames");
      }
      for (JsonNode name : names) {
        found.add(
            accessible(
                state.repository(
                    validRepositoryName(name.asText(), "repositoryNames"), registryId)));
      }
    } else if (state.registryId.equals(registryId)) {
      // another account's registry lists only what its repository policies let the caller see
      state.repositories.values().stream()
          .filter(repository -> granted(repository, "ecr:DescribeRepositories"))
          .forEach(found::add);
    }
    ObjectNode response = WireJson.object();
    ArrayNode repositories = response.putArray("repositories");
    Page.of(found, "DescribeRepositories", nextToken, maxResults.orElse(100), response)
        .forEach(repository -> repositories.add(repositoryJson(repository)));
    return response;
  }

  private JsonNode createRepository(RequestFields request) {
    String registryId = request.registryId().orElse(caller);
    String name = request.repositoryName();
    String mutability = request.optionalEnum("imageTagMutability", MUTABILITIES).orElse("MUTABLE");
    List<String> exclusions = exclusionFilters(request, mutability);
    boolean scanOnPush =
        request
            .optionalStructure("imageScanningConfiguration")
            .flatMap(scanning -> scanning.optionalBoolean("scanOnPush"))
            .orElse(false);
    String encryptionType = "AES256";
    String kmsKey = null;
    Optional<RequestFields> encryption = request.optionalStructure("encryptionConfiguration");
    if (encryption.isPresent()) {
      encryptionType =
          encryption
              .get()
              .optionalEnum("encryptionType", List.of("AES256", "KMS", "KMS_DSSE"))
              .orElseThrow(
                  () ->
                      EcrServiceError.invalidParameter(
                          "encryptionConfiguration.encryptionType", "Member must not be null"));
      kmsKey = encryption.get().optionalString("kmsKey", 1, 2048).orElse(null);
      if (kmsKey != null && encryptionType.equals("AES256")) {
        throw EcrServiceError.invalidParameter(
            "encryptionConfiguration.kmsKey",
            "kmsKey can only be specified when encryptionType is KMS or KMS_DSSE");
      }
    }
    Map<String, String> tags = resourceTags(request);
    if (!caller.equals(registryId)
        && !(state.registryId.equals(registryId)
            && state.registryPolicy != null
            && state.registryPolicy.allows(caller, "ecr:CreateRepository"))) {
      // Another account's registry: no repository policy exists before the repository does; only
      // that registry's policy can grant ecr:CreateRepository to other accounts
      // (https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry-permissions.html: the
      // registry policy enforces ecr:ReplicateImage, ecr:BatchImportUpstreamImage and
      // ecr:CreateRepository; aws/containers-roadmap#2460: a CI role in another account can create
      // the repository that way, but cannot set its repository policy)
      throw accessDenied(arn(registryId, name), "ecr:CreateRepository");
    }
    if (state.repositories.containsKey(name)) {
      throw EcrServiceError.repositoryAlreadyExists(name, registryId);
    }
    RepositoryRecord repository =
        new RepositoryRecord(
            name,
            region,
            state.clock.instant(),
            mutability,
            exclusions,
            scanOnPush,
            encryptionType,
            kmsKey,
            tags);
    state.repositories.put(name, repository);
    ObjectNode response = WireJson.object();
    response.set("repository", repositoryJson(repository));
    return response;
  }

  private JsonNode describeImages(RequestFields request) {
    RepositoryRecord repository = imageRepository(request);
    ArrayNode imageIds = request.optionalList("imageIds", 1, 100).orElse(null);
    Optional<Integer> maxResults = request.optionalInt("maxResults", 1, 1000);
    Optional<String> nextToken = request.optionalString("nextToken", 0, Integer.MAX_VALUE);
    Optional<RequestFields> filter = request.optionalStructure("filter");
    String tagStatus = filter.flatMap(f -> f.optionalEnum("tagStatus", TAG_STATUS)).orElse("ANY");
    String imageStatus =
        filter.flatMap(f -> f.optionalEnum("imageStatus", IMAGE_STATUS)).orElse("ACTIVE");
    List<EmulatedImage> images = new ArrayList<>();
    if (imageIds != null) {
      rejectPagingWithImageIds(maxResults, nextToken);
      Set<EmulatedImage> unique = new LinkedHashSet<>();
      for (int i = 0; i < imageIds.size(); i++) {
        RequestFields id = RequestFields.element(imageIds, i, "imageIds");
        String digest = id.optionalString("imageDigest", 0, Integer.MAX_VALUE).orElse(null);
        String tag = id.optionalString("imageTag", 1, 300).orElse(null);
        unique.add(
            resolve(repository, digest, tag)
                .orElseThrow(
                    () ->
                        EcrServiceError.imageNotFound(
                            String.valueOf(digest),
                            String.valueOf(tag),
                            repository.name,
                            state.registryId)));
      }
      images.addAll(unique);
    } else {
      repository.images.values().stream()
          .filter(image -> matchesTagStatus(image.tags.isEmpty(), tagStatus))
          .filter(image -> matchesImageStatus(image, imageStatus))
          .sorted(Comparator.comparing(image -> image.digest))
          .forEach(images::add);
    }
    ObjectNode response = WireJson.object();
    ArrayNode details = response.putArray("imageDetails");
    Page.of(images, "DescribeImages", nextToken, maxResults.orElse(100), response)
        .forEach(image -> details.add(imageDetail(repository, image)));
    return response;
  }

  private JsonNode listImages(RequestFields request) {
    RepositoryRecord repository = imageRepository(request);
    Optional<Integer> maxResults = request.optionalInt("maxResults", 1, 1000);
    Optional<String> nextToken = request.optionalString("nextToken", 0, Integer.MAX_VALUE);
    Optional<RequestFields> filter = request.optionalStructure("filter");
    String tagStatus = filter.flatMap(f -> f.optionalEnum("tagStatus", TAG_STATUS)).orElse("ANY");
    String imageStatus =
        filter.flatMap(f -> f.optionalEnum("imageStatus", IMAGE_STATUS)).orElse("ACTIVE");
    List<ObjectNode> ids = new ArrayList<>();
    repository.images.values().stream()
        .filter(image -> matchesImageStatus(image, imageStatus))
        .sorted(Comparator.comparing(image -> image.digest))
        .forEach(
            image -> {
              if (image.tags.isEmpty() && matchesTagStatus(true, tagStatus)) {
                ids.add(imageId(image.digest, null));
              }
              if (matchesTagStatus(false, tagStatus)) {
                image.tags.forEach(tag -> ids.add(imageId(image.digest, tag)));
              }
            });
    ObjectNode response = WireJson.object();
    ArrayNode list = response.putArray("imageIds");
    Page.of(ids, "ListImages", nextToken, maxResults.orElse(100), response).forEach(list::add);
    return response;
  }

  private JsonNode batchGetImage(RequestFields request) {
    RepositoryRecord repository = imageRepository(request);
    // API reference, BatchGetImage imageIds: "Array Members: Minimum number of 1 item. Maximum
    // number of 100 items." More is an InvalidParameterException for the whole call.
    ArrayNode imageIds = request.requiredList("imageIds", 1, 100);
    List<String> accepted = new ArrayList<>();
    request
        .optionalList("acceptedMediaTypes", 1, 100)
        .ifPresent(types -> types.forEach(t -> accepted.add(t.asText())));
    ObjectNode response = WireJson.object();
    ArrayNode images = response.putArray("images");
    ArrayNode failures = response.putArray("failures");
    for (int i = 0; i < imageIds.size(); i++) {
      RequestFields id = RequestFields.element(imageIds, i, "imageIds");
      String digest = id.optionalString("imageDigest", 0, Integer.MAX_VALUE).orElse(null);
      String tag = id.optionalString("imageTag", 1, 300).orElse(null);
      Optional<String> failure = idFailure(digest, tag);
      if (failure.isPresent()) {
        failures.add(failure(digest, tag, failure.get(), failureReason(failure.get())));
        continue;
      }
      EmulatedImage image =
          resolve(repository, digest, tag).filter(found -> !found.archived).orElse(null);
      if (image == null) {
        failures.add(failure(digest, tag, "ImageNotFound", IMAGE_NOT_FOUND_REASON));
      } else if (!accepted.isEmpty() && !accepted.contains(image.manifestMediaType)) {
        failures.add(
            failure(
                digest,
                tag,
                "ImageNotFound",
                IMAGE_NOT_FOUND_REASON
                    + ": its manifest media type "
                    + image.manifestMediaType
                    + " is not in acceptedMediaTypes"));
      } else {
        image.lastPulledAt = state.clock.instant();
        ObjectNode found =
            images
                .addObject()
                .put("registryId", state.registryId)
                .put("repositoryName", repository.name);
        found.set("imageId", imageId(image.digest, tag));
        found
            .put("imageManifest", new String(image.manifest, StandardCharsets.UTF_8))
            .put("imageManifestMediaType", image.manifestMediaType);
      }
    }
    return response;
  }

  /**
   * Layer availability from the registry's blob store; an unknown layer is UNAVAILABLE, as in ECR.
   */
  private JsonNode batchCheckLayerAvailability(RequestFields request) {
    RepositoryRecord repository = repository(request);
    ArrayNode digests = request.requiredList("layerDigests", 1, 100);
    ObjectNode response = WireJson.object();
    ArrayNode layers = response.putArray("layers");
    ArrayNode failures = response.putArray("failures");
    RegistryHttpApi registry = state.images.registry();
    for (JsonNode node : digests) {
      String digest = node.asText();
      if (!digest.matches("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+")) {
        failures
            .addObject()
            .put("layerDigest", digest)
            .put("failureCode", "InvalidLayerDigest")
            .put("failureReason", "Invalid layer digest");
        continue;
      }
      layers
          .addObject()
          .put("layerDigest", digest)
          .put(
              "layerAvailability",
              registry.blobExists(repository.name, digest) ? "AVAILABLE" : "UNAVAILABLE");
    }
    return response;
  }

  private JsonNode putImage(RequestFields request) {
    RepositoryRecord repository = imageRepository(request);
    String manifestText = request.requiredString("imageManifest", 1, 4_194_304);
    Optional<String> declaredType =
        request.optionalString("imageManifestMediaType", 0, Integer.MAX_VALUE);
    Optional<String> tag = request.optionalString("imageTag", 1, 300);
    Optional<String> expectedDigest = request.optionalString("imageDigest", 0, Integer.MAX_VALUE);
    JsonNode manifestJson;
    try {
      manifestJson = WireJson.parse(manifestText);
    } catch (IOException e) {
      throw EcrServiceError.invalidParameter("ImageManifest", "Invalid JSON syntax");
    }
    if (manifestJson == null || !manifestJson.isObject()) {
      throw EcrServiceError.invalidParameter("ImageManifest", "Invalid JSON syntax");
    }
    String embeddedType = manifestJson.path("mediaType").asText(null);
    String mediaType = declaredType.orElse(embeddedType);
    if (mediaType == null) {
      throw EcrServiceError.invalidParameter("ImageManifest", "Invalid JSON syntax");
    }
    if (embeddedType != null && !embeddedType.equals(mediaType)) {
      throw EcrServiceError.invalidParameter(
          "imageManifestMediaType",
          "Manifest media type '"
              + embeddedType
              + "' does not match imageManifestMediaType '"
              + mediaType
              + "'");
    }
    byte[] manifest = manifestText.getBytes(StandardCharsets.UTF_8);
    String digest = sha256(manifest);
    if (expectedDigest.isPresent() && !expectedDigest.get().equals(digest)) {
      throw new EcrServiceError(
          "ImageDigestDoesNotMatchException",
          "The specified image digest does not match the digest that Amazon ECR calculated for the"
              + " image.");
    }
    EmulatedImage tagged = tag.flatMap(repository::imageByTag).orElse(null);
    if (tag.isPresent() && tagged != null && tagged.digest.equals(digest)
        || tag.isEmpty() && repository.images.containsKey(digest)) {
      throw EcrServiceError.imageAlreadyExists(
          digest, tag.orElse("null"), repository.name, state.registryId);
    }
    if (tagged != null && repository.isImmutable(tag.get())) {
      throw EcrServiceError.imageTagAlreadyExists(tag.get(), repository.name);
    }
    EmulatedImage candidate = EmulatedImage.of(digest, mediaType, manifest, state.clock.instant());
    checkReferencesExist(repository, candidate);
    try {
      state.images.registry().putManifest(repository.name, tag.orElse(digest), manifest, mediaType);
    } catch (RegistryHttpApi.RegistryException e) {
      throw registryRejection(e);
    }
    if (tagged != null) {
      tagged.tags.remove(tag.get());
    }
    EmulatedImage image = repository.images.get(digest);
    if (image == null) {
      image = candidate;
      repository.images.put(digest, image);
    }
    if (tag.isPresent()) {
      repository.assignTag(image, tag.get());
    }
    ObjectNode response = WireJson.object();
    ObjectNode result =
        response
            .putObject("image")
            .put("registryId", state.registryId)
            .put("repositoryName", repository.name);
    result.set("imageId", imageId(digest, tag.orElse(null)));
    result.put("imageManifest", manifestText).put("imageManifestMediaType", mediaType);
    return response;
  }

  private JsonNode batchDeleteImage(RequestFields request) {
    RepositoryRecord repository = imageRepository(request);
    // API reference, BatchDeleteImage imageIds: "Array Members: Minimum number of 1 item. Maximum
    // number of 100 items." More is refused whole: nothing is deleted.
    ArrayNode imageIds = request.requiredList("imageIds", 1, 100);
    ObjectNode response = WireJson.object();
    ArrayNode deleted = response.putArray("imageIds");
    ArrayNode failures = response.putArray("failures");
    for (int i = 0; i < imageIds.size(); i++) {
      RequestFields id = RequestFields.element(imageIds, i, "imageIds");
      String digest = id.optionalString("imageDigest", 0, Integer.MAX_VALUE).orElse(null);
      String tag = id.optionalString("imageTag", 1, 300).orElse(null);
      Optional<String> failure = idFailure(digest, tag);
      if (failure.isPresent()) {
        failures.add(failure(digest, tag, failure.get(), failureReason(failure.get())));
        continue;
      }
      EmulatedImage image =
          digest != null ? repository.images.get(digest) : repository.imageByTag(tag).orElse(null);
      if (image == null) {
        failures.add(failure(digest, tag, "ImageNotFound", IMAGE_NOT_FOUND_REASON));
        continue;
      }
      if (tag != null && !image.tags.contains(tag)) {
        failures.add(
            failure(
                digest,
                tag,
                "ImageTagDoesNotMatchDigest",
                "Invalid request parameters: given tag does not map to the given digest"));
        continue;
      }
      boolean removesImage = tag == null || image.tags.size() == 1;
      List<EmulatedImage> parents = repository.referencingIndexes(image.digest);
      if (removesImage && !parents.isEmpty()) {
        failures.add(
            failure(
                digest,
                tag,
                "ImageReferencedByManifestList",
                "Requested image referenced by "
                    + "manifest list: "
                    + parents.stream().map(p -> p.digest).toList()));
        continue;
      }
      if (removesImage) {
        List<String> tags = List.copyOf(image.tags);
        state.images.delete(repository, image);
        if (tags.isEmpty()) {
          deleted.add(imageId(image.digest, null));
        }
        tags.forEach(t -> deleted.add(imageId(image.digest, t)));
      } else {
        image.tags.remove(tag);
        repository.tagsUntaggedInIndexOnly.put(tag, image.digest);
        deleted.add(imageId(image.digest, tag));
      }
    }
    return response;
  }

  private JsonNode putLifecyclePolicy(RequestFields request) {
    RepositoryRecord repository = repository(request);
    String text = request.requiredString("lifecyclePolicyText", 0, Integer.MAX_VALUE);
    EmulatedLifecyclePolicy policy = LifecyclePolicyParser.parse(text);
    repository.lifecyclePolicyText = policy.storedText();
    return policyResponse(repository).put("lifecyclePolicyText", repository.lifecyclePolicyText);
  }

  private JsonNode getLifecyclePolicy(RequestFields request, boolean delete) {
    RepositoryRecord repository = repository(request);
    if (repository.lifecyclePolicyText == null) {
      throw EcrServiceError.lifecyclePolicyNotFound(repository.name, state.registryId);
    }
    ObjectNode response =
        policyResponse(repository).put("lifecyclePolicyText", repository.lifecyclePolicyText);
    response.set(
        "lastEvaluatedAt",
        WireJson.timestamp(Optional.ofNullable(repository.lastEvaluatedAt).orElse(Instant.EPOCH)));
    if (delete) {
      repository.lifecyclePolicyText = null;
      repository.lastEvaluatedAt = null;
    }
    return response;
  }

  private JsonNode startLifecyclePolicyPreview(RequestFields request) {
    RepositoryRecord repository = repository(request);
    Optional<String> given = request.optionalString("lifecyclePolicyText", 0, Integer.MAX_VALUE);
    String text = given.orElse(repository.lifecyclePolicyText);
    if (text == null) {
      throw EcrServiceError.lifecyclePolicyNotFound(repository.name, state.registryId);
    }
    EmulatedLifecyclePolicy policy = LifecyclePolicyParser.parse(text);
    if (repository.preview != null && repository.preview.inProgress()) {
      throw new EcrServiceError(
          "LifecyclePolicyPreviewInProgressException",
          "The previous lifecycle policy preview request has not completed. Wait and try again.");
    }
    state.images.refresh(repository);
    repository.preview =
        new RepositoryRecord.PreviewRecord(
            text,
            LifecyclePreview.evaluate(policy, repository, state.clock.instant()),
            state.previewPollsBeforeComplete);
    return policyResponse(repository)
        .put("lifecyclePolicyText", text)
        .put("status", repository.preview.inProgress() ? "IN_PROGRESS" : "COMPLETE");
  }

  private JsonNode getLifecyclePolicyPreview(RequestFields request) {
    RepositoryRecord repository = repository(request);
    ArrayNode imageIds = request.optionalList("imageIds", 1, 100).orElse(null);
    Optional<Integer> maxResults = request.optionalInt("maxResults", 1, 100);
    Optional<String> nextToken = request.optionalString("nextToken", 0, Integer.MAX_VALUE);
    String tagStatus =
        request
            .optionalStructure("filter")
            .flatMap(f -> f.optionalEnum("tagStatus", TAG_STATUS))
            .orElse("ANY");
    if (imageIds != null) {
      rejectPagingWithImageIds(maxResults, nextToken);
    }
    RepositoryRecord.PreviewRecord preview = repository.preview;
    if (preview == null) {
      throw new EcrServiceError(
          "LifecyclePolicyPreviewNotFoundException", "There is no dry run for this repository.");
    }
    ObjectNode response = policyResponse(repository).put("lifecyclePolicyText", preview.policyText);
    if (preview.inProgress()) {
      preview.pollsUntilComplete--;
      return response.put("status", "IN_PROGRESS");
    }
    response.put("status", "COMPLETE");
    Set<String> wanted = new LinkedHashSet<>();
    if (imageIds != null) {
      for (int i = 0; i < imageIds.size(); i++) {
        RequestFields id = RequestFields.element(imageIds, i, "imageIds");
        id.optionalString("imageDigest", 0, Integer.MAX_VALUE).ifPresent(wanted::add);
        id.optionalString("imageTag", 1, 300)
            .ifPresent(
                t ->
                    preview.results.stream()
                        .filter(r -> r.imageTags().contains(t))
                        .forEach(r -> wanted.add(r.imageDigest())));
      }
    }
    List<LifecyclePreview.Result> results =
        preview.results.stream()
            .filter(r -> matchesTagStatus(r.imageTags().isEmpty(), tagStatus))
            .filter(r -> imageIds == null || wanted.contains(r.imageDigest()))
            .toList();
    ArrayNode previewResults = response.putArray("previewResults");
    Page.of(results, "GetLifecyclePolicyPreview", nextToken, maxResults.orElse(100), response)
        .forEach(r -> previewResults.add(previewResult(r)));
    ObjectNode summary = response.putObject("summary");
    summary.put(
        "expiringImageTotalCount",
        preview.results.stream().filter(r -> r.action().equals("EXPIRE")).count());
    long transitioning =
        preview.results.stream().filter(r -> r.action().equals("TRANSITION")).count();
    if (transitioning > 0) {
      summary
          .putArray("transitioningImageTotalCounts")
          .addObject()
          .put("targetStorageClass", "ARCHIVE")
          .put("imageTotalCount", transitioning);
    }
    return response;
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------------------

  private RepositoryRecord repository(RequestFields request) {
    String registryId = request.registryId().orElse(caller);
    return accessible(state.repository(request.repositoryName(), registryId));
  }

  /**
   * The repository, if the caller may run this operation on it: always in its own account, in
   * another account's registry only when the repository's policy grants it ({@code
   * AccessDeniedException} otherwise).
   */
  private RepositoryRecord accessible(RepositoryRecord repository) {
    if (!granted(repository, "ecr:" + operation)) {
      throw accessDenied(arn(state.registryId, repository.name), "ecr:" + operation);
    }
    return repository;
  }

  private boolean granted(RepositoryRecord repository, String action) {
    return caller.equals(state.registryId)
        || (repository.policy != null && repository.policy.allows(caller, action));
  }

  /**
   * ECR's (IAM's) refusal of a cross-account request, e.g. "User: arn:aws:iam::111122223333:user/x
   * is not authorized to perform: ecr:DescribeRepositories on resource: arn:…:repository/app
   * because no resource-based policy allows the ecr:DescribeRepositories action"
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
   */
  private EcrServiceError accessDenied(String resource, String action) {
    return new EcrServiceError(
        "AccessDeniedException",
        "User: arn:aws:iam::"
            + caller
            + ":user/emulator is not authorized to perform: "
            + action
            + " on resource: "
            + resource
            + " because no resource-based policy allows the "
            + action
            + " action");
  }

  /** The repository of an image operation, with its index refreshed from the registry. */
  private RepositoryRecord imageRepository(RequestFields request) {
    RepositoryRecord repository = repository(request);
    try {
      state.images.refresh(repository);
    } catch (RuntimeException e) {
      throw EcrServiceError.serverError(
          "The emulator could not read the registry: " + e.getMessage());
    }
    return repository;
  }

  private static String validRepositoryName(String name, String field) {
    if (name.length() < 2
        || name.length() > 256
        || !RequestFields.REPOSITORY_NAME.matcher(name).matches()) {
      throw EcrServiceError.invalidParameter(
          field,
          "must satisfy regular expression '" + RequestFields.REPOSITORY_NAME.pattern() + "'");
    }
    return name;
  }

  private List<String> exclusionFilters(RequestFields request, String mutability) {
    Optional<ArrayNode> filters = request.optionalList("imageTagMutabilityExclusionFilters", 1, 5);
    boolean withExclusion = mutability.endsWith("_WITH_EXCLUSION");
    if (withExclusion != filters.isPresent()) {
      throw EcrServiceError.invalidParameter(
          "imageTagMutabilityExclusionFilters",
          withExclusion
              ? "imageTagMutabilityExclusionFilters must be specified when imageTagMutability is "
                  + mutability
              : "imageTagMutabilityExclusionFilters can only be specified with"
                  + " IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION");
    }
    List<String> result = new ArrayList<>();
    ArrayNode list = filters.orElse(WireJson.MAPPER.createArrayNode());
    for (int i = 0; i < list.size(); i++) {
      RequestFields filter = RequestFields.element(list, i, "imageTagMutabilityExclusionFilters");
      filter
          .optionalEnum("filterType", List.of("WILDCARD"))
          .orElseThrow(
              () ->
                  EcrServiceError.invalidParameter(
                      filter.path("filterType"), "Member must not be null"));
      String value = filter.requiredString("filter", 1, 128);
      if (!EXCLUSION_FILTER.matcher(value).matches()) {
        throw EcrServiceError.invalidParameter(
            filter.path("filter"),
            "Member must satisfy regular expression pattern: " + EXCLUSION_FILTER.pattern());
      }
      result.add(value);
    }
    return result;
  }

  private static Map<String, String> resourceTags(RequestFields request) {
    Map<String, String> tags = new LinkedHashMap<>();
    ArrayNode list =
        request
            .optionalList("tags", 0, Integer.MAX_VALUE)
            .orElse(WireJson.MAPPER.createArrayNode());
    if (list.size() > 50) {
      throw new EcrServiceError(
          "TooManyTagsException",
          "The list of tags on the repository is over the limit. The maximum number of tags that"
              + " can be applied to a repository is 50.");
    }
    for (JsonNode tag : list) {
      String key = tag.path("Key").asText("");
      String value = tag.path("Value").asText(null);
      if (key.isEmpty() || key.length() > 128 || value == null || value.length() > 256) {
        throw new EcrServiceError(
            "InvalidTagParameterException",
            "An invalid parameter has been specified. Tag keys can have a maximum character length"
                + " of 128 characters, and tag values can have a maximum length of 256"
                + " characters.");
      }
      tags.put(key, value);
    }
    return tags;
  }

  private static void rejectPagingWithImageIds(
      Optional<Integer> maxResults, Optional<String> nextToken) {
    if (maxResults.isPresent() || nextToken.isPresent()) {
      throw EcrServiceError.invalidParameter(
          "imageIds", "nextToken and maxResults cannot be used together with imageIds");
    }
  }

  /** An image by digest and/or tag; with both, the tag must be on that digest. */
  private Optional<EmulatedImage> resolve(RepositoryRecord repository, String digest, String tag) {
    if (digest == null && tag == null) {
      throw EcrServiceError.invalidParameter(
          "imageIds", "Invalid request parameters: both tag and digest cannot be null");
    }
    if (digest != null && !repository.images.containsKey(digest)) {
      // A manifest pushed by digest is visible at once in ECR; registry notifications may still be
      // on their way.
      state.images.discover(repository, digest);
    }
    Optional<EmulatedImage> image =
        digest != null
            ? Optional.ofNullable(repository.images.get(digest))
            : repository.imageByTag(tag);
    return image.filter(found -> tag == null || found.tags.contains(tag));
  }

  private static Optional<String> idFailure(String digest, String tag) {
    if (digest == null && tag == null) {
      return Optional.of("MissingDigestAndTag");
    }
    if (digest != null && !DIGEST.matcher(digest).matches()) {
      return Optional.of("InvalidImageDigest");
    }
    return Optional.empty();
  }

  private static String failureReason(String code) {
    return switch (code) {
      case "MissingDigestAndTag" ->
          "Invalid request parameters: both tag and digest cannot be null";
      case "InvalidImageDigest" ->
          "Invalid request parameters: image digest should satisfy the regex '"
              + DIGEST.pattern()
              + "'";
      default -> code;
    };
  }

  private static ObjectNode failure(String digest, String tag, String code, String reason) {
    ObjectNode failure = WireJson.object();
    failure.set("imageId", imageId(digest, tag));
    return failure.put("failureCode", code).put("failureReason", reason);
  }

  private static ObjectNode imageId(String digest, String tag) {
    ObjectNode id = WireJson.object();
    if (digest != null) {
      id.put("imageDigest", digest);
    }
    if (tag != null) {
      id.put("imageTag", tag);
    }
    return id;
  }

  private static boolean matchesTagStatus(boolean untagged, String tagStatus) {
    return switch (tagStatus) {
      case "TAGGED" -> !untagged;
      case "UNTAGGED" -> untagged;
      default -> true;
    };
  }

  private static boolean matchesImageStatus(EmulatedImage image, String imageStatus) {
    return switch (imageStatus) {
      case "ACTIVE" -> !image.archived;
      case "ARCHIVED" -> image.archived;
      case "ACTIVATING" -> false;
      default -> true;
    };
  }

  private void checkReferencesExist(RepositoryRecord repository, EmulatedImage image) {
    RegistryHttpApi registry = state.images.registry();
    List<String> missingBlobs =
        image.blobDigests.stream()
            .filter(blob -> !registry.blobExists(repository.name, blob))
            .toList();
    if (!missingBlobs.isEmpty()) {
      throw new EcrServiceError(
          "LayersNotFoundException",
          "Layers with digests '"
              + missingBlobs
              + "' required for pushing image into repository with name '"
              + repository.name
              + "' in the registry with id '"
              + state.registryId
              + "' do not exist");
    }
    List<String> missingImages =
        image.childDigests.stream()
            .filter(
                child ->
                    !repository.images.containsKey(child)
                        && state.images.discover(repository, child) == null)
            .toList();
    if (!missingImages.isEmpty()) {
      throw new EcrServiceError(
          "ReferencedImagesNotFoundException",
          "Images with digests '"
              + missingImages
              + "' required for pushing image into repository with name '"
              + repository.name
              + "' in the registry with id '"
              + state.registryId
              + "' do not exist");
    }
  }

  private static EcrServiceError registryRejection(RegistryHttpApi.RegistryException e) {
    if ("MANIFEST_BLOB_UNKNOWN".equals(e.code()) || "BLOB_UNKNOWN".equals(e.code())) {
      return new EcrServiceError(
          "LayersNotFoundException", "The registry rejected the manifest: " + e.getMessage());
    }
    if (e.status() == 400) {
      return EcrServiceError.invalidParameter(
          "ImageManifest", "The registry rejected the manifest: " + e.getMessage());
    }
    return EcrServiceError.serverError("The registry failed: " + e.getMessage());
  }

  private ObjectNode repositoryJson(RepositoryRecord repository) {
    ObjectNode json =
        WireJson.object()
            .put("repositoryArn", arn(state.registryId, repository.name, repository.region))
            .put("registryId", state.registryId)
            .put("repositoryName", repository.name)
            .put(
                "repositoryUri",
                URI.create(state.proxyEndpoint()).getAuthority() + "/" + repository.name);
    json.set("createdAt", WireJson.timestamp(repository.createdAt));
    json.put("imageTagMutability", repository.tagMutability);
    if (!repository.mutabilityExclusions.isEmpty()) {
      ArrayNode filters = json.putArray("imageTagMutabilityExclusionFilters");
      repository.mutabilityExclusions.forEach(
          f -> filters.addObject().put("filterType", "WILDCARD").put("filter", f));
    }
    json.putObject("imageScanningConfiguration").put("scanOnPush", repository.scanOnPush);
    ObjectNode encryption =
        json.putObject("encryptionConfiguration").put("encryptionType", repository.encryptionType);
    if (repository.kmsKey != null) {
      encryption.put("kmsKey", repository.kmsKey);
    }
    return json;
  }

  private String arn(String registryId, String name) {
    return arn(registryId, name, region);
  }

  private static String arn(String registryId, String name, String region) {
    String partition =
        region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    return "arn:" + partition + ":ecr:" + region + ":" + registryId + ":repository/" + name;
  }

  private ObjectNode imageDetail(RepositoryRecord repository, EmulatedImage image) {
    ObjectNode detail =
        WireJson.object()
            .put("registryId", state.registryId)
            .put("repositoryName", repository.name)
            .put("imageDigest", image.digest);
    if (!image.tags.isEmpty()) {
      ArrayNode tags = detail.putArray("imageTags");
      image.tags.forEach(tags::add);
    }
    detail.put("imageSizeInBytes", repository.sizeInBytes(image));
    detail.set("imagePushedAt", WireJson.timestamp(image.pushedAt));
    detail.put("imageManifestMediaType", image.manifestMediaType);
    if (image.artifactMediaType != null) {
      detail.put("artifactMediaType", image.artifactMediaType);
    }
    if (image.lastPulledAt != null) {
      detail.set("lastRecordedPullTime", WireJson.timestamp(image.lastPulledAt));
    }
    if (image.subjectDigest != null) {
      detail.put("subjectManifestDigest", image.subjectDigest);
    }
    detail.put("imageStatus", image.archived ? "ARCHIVED" : "ACTIVE");
    if (image.lastArchivedAt != null) {
      detail.set("lastArchivedAt", WireJson.timestamp(image.lastArchivedAt));
    }
    return detail;
  }

  static ObjectNode previewResult(LifecyclePreview.Result result) {
    ObjectNode json = WireJson.object();
    if (!result.imageTags().isEmpty()) {
      ArrayNode tags = json.putArray("imageTags");
      result.imageTags().forEach(tags::add);
    }
    json.put("imageDigest", result.imageDigest());
    json.set("imagePushedAt", WireJson.timestamp(result.imagePushedAt()));
    ObjectNode action = json.putObject("action").put("type", result.action());
    if (result.targetStorageClass() != null) {
      action.put("targetStorageClass", result.targetStorageClass());
    }
    json.put("appliedRulePriority", result.appliedRulePriority());
    json.put("storageClass", result.storageClass());
    return json;
  }

  private ObjectNode policyResponse(RepositoryRecord repository) {
    return WireJson.object()
        .put("registryId", state.registryId)
        .put("repositoryName", repository.name);
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
