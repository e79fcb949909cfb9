package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageStatus;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewInProgressException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyStorageClass;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * Lifecycle policy storage, validation (ecr-api.md §1.3) and preview (§1.4 semantics, §1.6
 * examples).
 */
class EcrEmulatorLifecycleTest extends EmulatorTestSupport {

  private static final String PREFIX =
      "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
          + "'Lifecycle policy validation failure: ";
  private static final String KEEP_ONE_UNTAGGED =
      "{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep only one untagged image, expire all"
          + " others\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
          + "\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}";
  private static final String EXAMPLE_B =
      "{\"rules\":["
          + "{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"alpha*\"],"
          + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},"
          + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
          + "\"countUnit\":\"days\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},"
          + "{\"rulePriority\":3,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
          + "\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}";
  private static final String ARCHIVE_EXAMPLE =
      "{\"rules\":[{\"rulePriority\":1,\"description\":\"Archive images older than 30"
          + " days\",\"selection\":{\"tagStatus\":"
          + "\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30},\"action\":"
          + "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},{\"rulePriority\":2,\"description\":\"Expire"
          + " images archived for more than 365 days\",\"selection\":"
          + "{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\","
          + "\"countUnit\":\"days\",\"countNumber\":365},\"action\":{\"type\":\"expire\"}}]}";

  /** The repository of the guide's "Filtering on all images, Example B": image name to digest. */
  private static String exampleRepository;

  private static final Map<String, String> EXAMPLE_IMAGES = new LinkedHashMap<>();

  @BeforeAll
  static void pushExampleImages() throws Exception {
    exampleRepository = newRepository("example-b", ImageTagMutability.MUTABLE);
    // A..E with tags [alpha-1,beta-1], [], [alpha-2], [git hash], []: untagged ones lose a helper
    // tag to a later push
    EXAMPLE_IMAGES.put("A", push(exampleRepository, "A", "alpha-1", "beta-1"));
    EXAMPLE_IMAGES.put("B", push(exampleRepository, "B", "helper-b"));
    EXAMPLE_IMAGES.put("C", push(exampleRepository, "C", "alpha-2", "helper-b"));
    EXAMPLE_IMAGES.put("E", push(exampleRepository, "E", "helper-e"));
    EXAMPLE_IMAGES.put("D", push(exampleRepository, "D", "4f1c2a9", "helper-e"));
    ecr.batchDeleteImage(
        r ->
            r.repositoryName(exampleRepository)
                .imageIds(
                    ImageIdentifier.builder().imageTag("helper-b").build(),
                    ImageIdentifier.builder().imageTag("helper-e").build()));
    Instant now = Instant.now();
    Map<String, Duration> ages =
        Map.of(
            "A",
            Duration.ofDays(4),
            "B",
            Duration.ofDays(3),
            "C",
            Duration.ofDays(2),
            "D",
            Duration.ofDays(1),
            "E",
            Duration.ofDays(1).minusMinutes(1));
    ages.forEach(
        (name, age) ->
            emulator.setPushedAt(exampleRepository, EXAMPLE_IMAGES.get(name), now.minus(age)));
  }

  @Test
  void policyIsStoredMinifiedInPriorityOrder() {
    String repository = newRepository("policy", ImageTagMutability.MUTABLE);
    String pretty =
        "{\n"
            + "  \"rules\": [\n"
            + "    {\"rulePriority\": 2, \"selection\": {\"tagStatus\": \"any\", \"countType\":"
            + " \"imageCountMoreThan\", \"countNumber\": 30}, \"action\": {\"type\":"
            + " \"expire\"}},\n"
            + "    {\"rulePriority\": 1, \"selection\": {\"tagStatus\": \"untagged\","
            + " \"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", \"countNumber\": 7},"
            + " \"action\": {\"type\": \"expire\"}}\n"
            + "  ]\n"
            + "}";
    ecr.putLifecyclePolicy(r -> r.repositoryName(repository).lifecyclePolicyText(pretty));

    GetLifecyclePolicyResponse stored = ecr.getLifecyclePolicy(r -> r.repositoryName(repository));
    assertEquals(
        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
            + "\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":7},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
            + "\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}",
        stored.lifecyclePolicyText());
    assertEquals(Instant.EPOCH, stored.lastEvaluatedAt(), "never evaluated");
    assertEquals(repository, stored.repositoryName());
    assertEquals(EcrEmulator.REGISTRY_ID, stored.registryId());

    assertEquals(
        stored.lifecyclePolicyText(),
        ecr.deleteLifecyclePolicy(r -> r.repositoryName(repository)).lifecyclePolicyText());
    LifecyclePolicyNotFoundException e =
        assertThrows(
            LifecyclePolicyNotFoundException.class,
            () -> ecr.getLifecyclePolicy(r -> r.repositoryName(repository)));
    assertEquals(
        "Lifecycle policy does not exist for the repository with name '"
            + repository
            + "' in the registry with id '123456789012'",
        e.awsErrorDetails().errorMessage());
    assertThrows(
        LifecyclePolicyNotFoundException.class,
        () -> ecr.deleteLifecyclePolicy(r -> r.repositoryName(repository)));
    assertThrows(
        LifecyclePolicyNotFoundException.class,
        () -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName(repository)));
  }

  @Test
  void missingRepositoryIsReportedBeforeThePolicy() {
    RepositoryNotFoundException e =
        assertThrows(
            RepositoryNotFoundException.class,
            () ->
                ecr.putLifecyclePolicy(
                    r -> r.repositoryName("team/no-such-repo").lifecyclePolicyText("{}")));
    assertEquals(
        "The repository with name 'team/no-such-repo' does not exist in the registry with id "
            + "'123456789012'",
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void documentedExamplesAreValid() {
    String repository = newRepository("valid", ImageTagMutability.MUTABLE);
    for (String policy :
        List.of(
            KEEP_ONE_UNTAGGED,
            EXAMPLE_B,
            ARCHIVE_EXAMPLE,
            rules(
                rule(
                    1,
                    "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*test*1*2*3\",\"test*1*2*3*\"],"
                        + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5",
                    EXPIRE)))) {
      ecr.putLifecyclePolicy(r -> r.repositoryName(repository).lifecyclePolicyText(policy));
    }
  }

  static Stream<Arguments> invalidPolicies() {
    String untagged =
        "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3";
    String any = "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3";
    String prefixed =
        "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\","
            + "\"countNumber\":3";
    return Stream.of(
        Arguments.of(
            "{\"rules\":[]}",
            null,
            "Invalid parameter at 'lifecyclePolicyText' failed to satisfy "
                + "constraint: 'Member must have length greater than or equal to 100'"),
        Arguments.of(pad("[\"rules\"]"), "Could not map policyString into LifecyclePolicy.", null),
        Arguments.of(
            pad("{\"rules\": [ oops"), "Could not map policyString into LifecyclePolicy.", null),
        Arguments.of(
            pad("{\"ruleset\":[]}"), "object has missing required properties ([\"rules\"])", null),
        Arguments.of(
            pad("{\"rules\":[]}"),
            "array is too short: must have at least 1 elements but instance has 0 elements",
            null),
        Arguments.of(
            rules(rule(1, untagged, EXPIRE).replace("\"action\"", "\"unknown\":1,\"action\"")),
            "object instance has properties which are not allowed by the schema: ([\"unknown\"])",
            null),
        Arguments.of(
            rules("{\"rulePriority\":1,\"selection\":{" + untagged + "}}"),
            "object has missing required properties ([\"action\"])",
            null),
        Arguments.of(
            rules(rule(1, untagged.replace("untagged", "unknown"), EXPIRE)),
            "instance value (unknown) not found in enum :(possible values:"
                + " [\"any\",\"tagged\",\"untagged\"])",
            null),
        Arguments.of(
            rules(rule(1, untagged.replace("imageCountMoreThan", "unknown"), EXPIRE)),
            "instance failed to match exactly one schema (matched 0 out of 2)",
            null),
        Arguments.of(
            rules(rule(1, untagged.replace("\"countNumber\":3", "\"countNumber\":0"), EXPIRE)),
            "numeric instance is lower than the required minimum (minimum: 1, found: 0)",
            null),
        Arguments.of(
            rules(rule(0, untagged, EXPIRE)),
            "numeric instance is lower than the required minimum (minimum: 1, found: 0)",
            null),
        Arguments.of(
            rules(rule(1, untagged.replace("\"countNumber\":3", "\"countNumber\":\"3\""), EXPIRE)),
            "instance type (string) does not match any allowed primitive type (allowed:"
                + " [\"integer\"])",
            null),
        Arguments.of(
            rules(rule(1, untagged + ",\"countUnit\":\"days\"", EXPIRE)),
            "instance failed to match exactly one schema (matched 0 out of 2)",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
                        + "\"countNumber\":3",
                    EXPIRE)),
            "instance failed to match exactly one schema (matched 0 out of 2)",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
                        + "\"countUnit\":null,\"countNumber\":3",
                    EXPIRE)),
            "instance failed to match exactly one schema (matched 0 out of 2)",
            null),
        Arguments.of(
            rules(rule(1, untagged, "{\"type\":\"expire\",\"targetStorageClass\":null}")),
            "instance failed to match exactly one schema (matched 0 out of 2)",
            null),
        Arguments.of(
            rules(rule(1, untagged, "{\"type\":\"delete\"}")),
            "instance value (delete) not found in enum :(possible values:"
                + " [\"expire\",\"transition\"])",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    "\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\","
                        + "\"countNumber\":3",
                    EXPIRE)),
            "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.",
            null),
        Arguments.of(
            rules(rule(1, any, EXPIRE), rule(2, untagged, EXPIRE)),
            "Rule for tagStatus=ANY must have the lowest priority per storage class",
            null),
        Arguments.of(
            rules(rule(1, untagged, EXPIRE), rule(2, untagged.replace("3", "5"), EXPIRE)),
            "Only one rule can select Untagged images per storage class.",
            null),
        Arguments.of(
            rules(rule(1, untagged, EXPIRE), rule(1, prefixed, EXPIRE)),
            "Rule priorities must be unique. Duplicate rulePriority: 1.",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    prefixed.replace(
                        "\"tagPrefixList\"", "\"tagPatternList\":[\"v*\"]," + "\"tagPrefixList\""),
                    EXPIRE)),
            "Cannot specify both tagPrefixList and tagPatternList in the same rule.",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    untagged.replace("\"countType\"", "\"tagPrefixList\":[\"v\"],\"countType\""),
                    EXPIRE)),
            "tagPrefixList and tagPatternList can only be used with tagStatus=TAGGED.",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    prefixed.replace(
                        "\"tagPrefixList\":[\"v\"]", "\"tagPatternList\":[\"test*1*2*3*4*5*6\"]"),
                    EXPIRE)),
            "tagPatternList entries can contain at most 4 wildcards (*): 'test*1*2*3*4*5*6'.",
            null),
        Arguments.of(
            rules(rule(1, prefixed, EXPIRE), rule(2, prefixed.replace("3", "9"), EXPIRE)),
            "The set of all rules selecting a specific storage class must contain a unique set of"
                + " tag prefixes.",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    "\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\","
                        + "\"countUnit\":\"days\",\"countNumber\":30",
                    EXPIRE)),
            "countType=sinceImagePulled can only be used with action type=TRANSITION.",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    "\"tagStatus\":\"any\",\"countType\":\"sinceImageTransitioned\","
                        + "\"countUnit\":\"days\",\"countNumber\":365",
                    EXPIRE)),
            "countType=sinceImageTransitioned requires storageClass=ARCHIVE.",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    "\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":"
                        + "\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30",
                    EXPIRE)),
            "storageClass=ARCHIVE can only be used with countType=sinceImageTransitioned.",
            null),
        Arguments.of(
            rules(
                rule(
                    1,
                    "\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":"
                        + "\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":30",
                    EXPIRE)),
            "Images must stay in archive for at least 90 days: countNumber must be at least 90 for "
                + "countType=sinceImageTransitioned.",
            null));
  }

  @ParameterizedTest
  @MethodSource("invalidPolicies")
  void invalidPolicyIsRejected(String policy, String detail, String fullMessage) {
    String repository = newRepository("invalid", ImageTagMutability.MUTABLE);
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () ->
                ecr.putLifecyclePolicy(
                    r -> r.repositoryName(repository).lifecyclePolicyText(policy)));
    assertEquals(
        fullMessage != null ? fullMessage : PREFIX + detail + "'",
        e.awsErrorDetails().errorMessage());
    assertEquals(400, e.statusCode());
    InvalidParameterException preview =
        assertThrows(
            InvalidParameterException.class,
            () ->
                ecr.startLifecyclePolicyPreview(
                    r -> r.repositoryName(repository).lifecyclePolicyText(policy)));
    assertEquals(e.awsErrorDetails().errorMessage(), preview.awsErrorDetails().errorMessage());
  }

  @Test
  void previewOfExampleBExpiresABAndD() {
    emulator.setPreviewPollsBeforeComplete(1);
    String fresh = newRepository("no-preview", ImageTagMutability.MUTABLE);
    LifecyclePolicyPreviewNotFoundException none =
        assertThrows(
            LifecyclePolicyPreviewNotFoundException.class,
            () -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName(fresh)));
    assertEquals("There is no dry run for this repository.", none.awsErrorDetails().errorMessage());
    assertEquals(
        LifecyclePolicyPreviewStatus.IN_PROGRESS,
        ecr.startLifecyclePolicyPreview(
                r -> r.repositoryName(exampleRepository).lifecyclePolicyText(EXAMPLE_B))
            .status());
    assertThrows(
        LifecyclePolicyPreviewInProgressException.class,
        () ->
            ecr.startLifecyclePolicyPreview(
                r -> r.repositoryName(exampleRepository).lifecyclePolicyText(EXAMPLE_B)));

    GetLifecyclePolicyPreviewResponse first =
        ecr.getLifecyclePolicyPreview(r -> r.repositoryName(exampleRepository));
    assertEquals(LifecyclePolicyPreviewStatus.IN_PROGRESS, first.status());
    assertTrue(first.previewResults().isEmpty());

    GetLifecyclePolicyPreviewResponse done =
        ecr.waiter()
            .waitUntilLifecyclePolicyPreviewComplete(
                GetLifecyclePolicyPreviewRequest.builder()
                    .repositoryName(exampleRepository)
                    .build(),
                fastWaiter())
            .matched()
            .response()
            .orElseThrow();
    assertEquals(LifecyclePolicyPreviewStatus.COMPLETE, done.status());
    assertEquals(EXAMPLE_B, done.lifecyclePolicyText());
    assertEquals(Map.of("A", 1, "B", 2, "D", 3), byImageName(done.previewResults()));
    assertEquals(3, done.summary().expiringImageTotalCount());
    for (LifecyclePolicyPreviewResult result : done.previewResults()) {
      assertEquals(ImageActionType.EXPIRE, result.action().type());
      assertEquals(LifecyclePolicyStorageClass.STANDARD, result.storageClass());
    }
    LifecyclePolicyPreviewResult a =
        done.previewResults().stream()
            .filter(r -> r.imageDigest().equals(EXAMPLE_IMAGES.get("A")))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of("alpha-1", "beta-1"), a.imageTags(), "the whole image expires with all its tags");

    GetLifecyclePolicyPreviewResponse untaggedOnly =
        ecr.getLifecyclePolicyPreview(
            r -> r.repositoryName(exampleRepository).filter(f -> f.tagStatus(TagStatus.UNTAGGED)));
    assertEquals(Map.of("B", 2), byImageName(untaggedOnly.previewResults()));
    assertEquals(3, untaggedOnly.summary().expiringImageTotalCount());
  }

  @Test
  void previewOfKeepOneUntaggedKeepsTheNewestUntaggedImage() {
    emulator.setPreviewPollsBeforeComplete(0);
    try {
      assertEquals(
          LifecyclePolicyPreviewStatus.COMPLETE,
          ecr.startLifecyclePolicyPreview(
                  r -> r.repositoryName(exampleRepository).lifecyclePolicyText(KEEP_ONE_UNTAGGED))
              .status());
      GetLifecyclePolicyPreviewResponse done =
          ecr.getLifecyclePolicyPreview(r -> r.repositoryName(exampleRepository));
      assertEquals(LifecyclePolicyPreviewStatus.COMPLETE, done.status());
      assertEquals(Map.of("B", 1), byImageName(done.previewResults()));
      assertFalse(done.previewResults().get(0).hasImageTags());
    } finally {
      emulator.setPreviewPollsBeforeComplete(1);
    }
  }

  @Test
  void previewPaginatesAndUsesTheStoredPolicy() throws Exception {
    String repository = newRepository("preview-pages", ImageTagMutability.MUTABLE);
    emulator.setPreviewPollsBeforeComplete(0);
    try {
      List<String> digests = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        digests.add(push(repository, "image " + i, "build-" + i));
        emulator.setPushedAt(
            repository, digests.get(i), Instant.now().minus(Duration.ofDays(10 - i)));
      }
      String keepTwo =
          rules(
              rule(
                  1,
                  "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"build-\"],\"countType\":"
                      + "\"imageCountMoreThan\",\"countNumber\":2",
                  EXPIRE));
      ecr.putLifecyclePolicy(r -> r.repositoryName(repository).lifecyclePolicyText(keepTwo));
      ecr.startLifecyclePolicyPreview(r -> r.repositoryName(repository));
      List<String> expiring =
          ecr
              .getLifecyclePolicyPreviewPaginator(r -> r.repositoryName(repository).maxResults(1))
              .previewResults()
              .stream()
              .map(LifecyclePolicyPreviewResult::imageDigest)
              .toList();
      assertEquals(
          List.of(digests.get(0), digests.get(1)), expiring, "the two oldest, oldest first");
    } finally {
      emulator.setPreviewPollsBeforeComplete(1);
    }
  }

  @Test
  void runningThePolicyDeletesWhatThePreviewListed() throws Exception {
    String repository = newRepository("run", ImageTagMutability.MUTABLE);
    String old = push(repository, "old", "prod-1");
    String recent = push(repository, "recent", "prod-2");
    emulator.setPushedAt(repository, old, Instant.now().minus(Duration.ofDays(20)));
    ecr.putLifecyclePolicy(
        r ->
            r.repositoryName(repository)
                .lifecyclePolicyText(
                    rules(
                        rule(
                            1,
                            "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod*\"],"
                                + "\"countType\":\"sinceImagePushed\","
                                + "\"countUnit\":\"days\",\"countNumber\":14",
                            EXPIRE))));

    JsonNode done =
        WireJson.parse(
            EcrEmulatorRepositoryTest.post(
                "/_emulator/lifecycle/run", "{\"repositoryName\":\"" + repository + "\"}"));
    assertEquals(1, done.size());
    assertEquals(old, done.get(0).path("imageDigest").asText());
    assertEquals(
        List.of(recent),
        ecr.describeImages(r -> r.repositoryName(repository)).imageDetails().stream()
            .map(d -> d.imageDigest())
            .toList());
    assertNull(
        new RegistryHttpApi(
                registry.host(), registry.user(), registry.password(), registry.sslContext())
            .digestOf(repository, old)
            .orElse(null));
    assertTrue(
        ecr.getLifecyclePolicy(r -> r.repositoryName(repository))
            .lastEvaluatedAt()
            .isAfter(Instant.EPOCH));
  }

  @Test
  void transitionRunArchivesAndArchiveRulesSeeArchivedImages() throws Exception {
    String repository = newRepository("archive", ImageTagMutability.MUTABLE);
    String old = push(repository, "old", "old");
    String recent = push(repository, "recent", "recent");
    emulator.setPushedAt(repository, old, Instant.now().minus(Duration.ofDays(40)));
    ecr.putLifecyclePolicy(r -> r.repositoryName(repository).lifecyclePolicyText(ARCHIVE_EXAMPLE));

    JsonNode done = emulator.runLifecyclePolicy(repository);
    assertEquals(1, done.size());
    assertEquals("TRANSITION", done.get(0).path("action").path("type").asText());
    assertEquals("ARCHIVE", done.get(0).path("action").path("targetStorageClass").asText());

    assertEquals(
        List.of(recent),
        ecr.describeImages(r -> r.repositoryName(repository)).imageDetails().stream()
            .map(d -> d.imageDigest())
            .toList(),
        "archived images are not ACTIVE");
    List<ImageDetail> archived =
        ecr.describeImages(
                r ->
                    r.repositoryName(repository)
                        .filter(f -> f.imageStatus(ImageStatusFilter.ARCHIVED)))
            .imageDetails();
    assertEquals(List.of(old), archived.stream().map(ImageDetail::imageDigest).toList());
    assertEquals(ImageStatus.ARCHIVED, archived.get(0).imageStatus());
    assertTrue(
        archived.get(0).lastArchivedAt().isAfter(Instant.now().minus(Duration.ofMinutes(5))));

    emulator.setPreviewPollsBeforeComplete(0);
    try {
      ecr.startLifecyclePolicyPreview(r -> r.repositoryName(repository));
      assertTrue(
          ecr.getLifecyclePolicyPreview(r -> r.repositoryName(repository))
              .previewResults()
              .isEmpty(),
          "archived for less than 365 days, and the recent image is younger than 30 days");
    } finally {
      emulator.setPreviewPollsBeforeComplete(1);
    }
  }

  private static Map<String, Integer> byImageName(List<LifecyclePolicyPreviewResult> results) {
    Map<String, String> names =
        EXAMPLE_IMAGES.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    return results.stream()
        .collect(
            Collectors.toMap(
                r -> names.get(r.imageDigest()),
                LifecyclePolicyPreviewResult::appliedRulePriority));
  }

  private static WaiterOverrideConfiguration fastWaiter() {
    return WaiterOverrideConfiguration.builder()
        .maxAttempts(10)
        .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
        .build();
  }

  private static final String EXPIRE = "{\"type\":\"expire\"}";

  private static String rule(int priority, String selection, String action) {
    return "{\"rulePriority\":"
        + priority
        + ",\"description\":\"a rule for the emulator's tests\","
        + "\"selection\":{"
        + selection
        + "},\"action\":"
        + action
        + "}";
  }

  private static String rules(String... rules) {
    return "{\"rules\":[" + String.join(",", rules) + "]}";
  }

  /**
   * Pads a short JSON text with trailing spaces to the 100 characters ECR requires, so the JSON
   * checks run.
   */
  private static String pad(String json) {
    return json + " ".repeat(Math.max(0, 100 - json.length()));
  }
}
