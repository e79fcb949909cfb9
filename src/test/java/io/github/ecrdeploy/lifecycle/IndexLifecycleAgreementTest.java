package io.github.ecrdeploy.lifecycle;

import static io.github.ecrdeploy.lifecycle.PomRule.pom;
import static io.github.ecrdeploy.lifecycle.PomRule.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import io.github.ecrdeploy.ecr.LifecycleApi;
import io.github.ecrdeploy.testbed.EcrEmulator;
import io.github.ecrdeploy.testbed.EmulatedEcr;
import io.github.ecrdeploy.testbed.JibTestImages;
import io.github.ecrdeploy.testbed.RecordedCall;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * The offline simulation (over {@link LifecycleApi#listing()}) and the ECR emulator's own preview
 * agree on a repository holding two multi-platform releases and an untagged orphan: the untagged
 * platform images are not ranked on their own and go only with their index. The repository is built
 * through the real registry and read through the real SDK.
 */
class IndexLifecycleAgreementTest {
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPOSITORY = "index-agreement/app";

  static EmulatedEcr bed;
  static TestRegistry registry;
  static EcrEmulator emulator;
  static EcrClient ecr;

  @BeforeAll
  static void start() throws Exception {
    bed = EmulatedEcr.start();
    registry = bed.registry;
    emulator = bed.emulator;
    ecr =
        EcrClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(emulator.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDINDEX", "index-agreement-secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (ecr != null) {
      ecr.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  /** An image pushed under the tag {@code staging}, which the next push takes away from it. */
  private static String pushUnderStaging(String content) throws Exception {
    return JibTestImages.push(
        registry.host(),
        registry.user(),
        registry.password(),
        REPOSITORY,
        content,
        ImageFormat.OCI,
        "staging");
  }

  /** An OCI index over an amd64 and an arm64 image, put with PutImage under {@code tag}. */
  private static String putIndex(String tag, String amd64, String arm64) throws Exception {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
    for (Map.Entry<String, String> platform :
        List.of(Map.entry("amd64", amd64), Map.entry("arm64", arm64))) {
      Image image =
          ecr.batchGetImage(
                  r ->
                      r.repositoryName(REPOSITORY)
                          .imageIds(
                              ImageIdentifier.builder().imageDigest(platform.getValue()).build())
                          .acceptedMediaTypes(OCI_MANIFEST))
              .images()
              .get(0);
      index
          .withArray("manifests")
          .addObject()
          .put("mediaType", OCI_MANIFEST)
          .put("digest", platform.getValue())
          .put("size", image.imageManifest().getBytes(StandardCharsets.UTF_8).length)
          .putObject("platform")
          .put("architecture", platform.getKey())
          .put("os", "linux");
    }
    String text = JSON.writeValueAsString(index);
    return ecr.putImage(
            r ->
                r.repositoryName(REPOSITORY)
                    .imageManifest(text)
                    .imageManifestMediaType(OCI_INDEX)
                    .imageTag(tag))
        .image()
        .imageId()
        .imageDigest();
  }

  private static void pushedDaysAgo(int days, String... digests) {
    for (String digest : digests) {
      emulator.setPushedAt(REPOSITORY, digest, Instant.now().minus(Duration.ofDays(days)));
    }
  }

  private static Set<String> acted(Simulation simulation) {
    return simulation.images().stream()
        .filter(image -> image.action() != ImageAction.NONE)
        .map(image -> image.image().digest())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void simulationAndPreviewAgreeOnTwoMultiPlatformReleasesAndAnOrphan() throws Exception {
    ecr.createRepository(
        r -> r.repositoryName(REPOSITORY).imageTagMutability(ImageTagMutability.MUTABLE));
    String r1amd64 = pushUnderStaging("1.0.0 amd64");
    String r1arm64 = pushUnderStaging("1.0.0 arm64");
    String r1 = putIndex("1.0.0", r1amd64, r1arm64);
    String orphan = pushUnderStaging("an image a moved tag left behind");
    String r2amd64 = pushUnderStaging("1.1.0 amd64");
    String r2arm64 = pushUnderStaging("1.1.0 arm64");
    String r2 = putIndex("1.1.0", r2amd64, r2arm64);
    // staging moves to the index of 1.1.0 and is removed there: every platform image is untagged
    putIndex("staging", r2amd64, r2arm64);
    ecr.batchDeleteImage(
        r ->
            r.repositoryName(REPOSITORY)
                .imageIds(ImageIdentifier.builder().imageTag("staging").build()));
    pushedDaysAgo(40, r1, r1amd64, r1arm64);
    pushedDaysAgo(30, orphan);
    pushedDaysAgo(20, r2, r2amd64, r2arm64);
    List<ImageDetail> before = ecr.describeImages(r -> r.repositoryName(REPOSITORY)).imageDetails();
    assertEquals(7, before.size());
    assertEquals(
        Set.of(List.of("1.0.0"), List.of("1.1.0"), List.of()),
        before.stream().map(ImageDetail::imageTags).collect(Collectors.toSet()));

    // rule 1 keeps the newest release; rule 2 expires untagged images older than 14 days
    LifecyclePolicy policy =
        PolicyValidator.validate(
            pom(rule().patterns("*").keepLast(1), rule().tagStatus("untagged").olderThanDays(14)));
    LifecycleApi api = new LifecycleApi(ecr, null, REPOSITORY);
    emulator.clearCalls();
    LifecycleApi.Listing listing = api.listing();
    assertEquals(
        Set.of(r1, r2),
        emulator.calls("BatchGetImage").stream()
            .map(RecordedCall::request)
            .flatMap(request -> stream(request.path("imageIds")))
            .map(id -> id.path("imageDigest").asText())
            .collect(Collectors.toSet()),
        "only the index manifests are read (BatchGetImage counts as a pull)");
    Instant now = Instant.now();
    Simulation simulation =
        LifecycleSimulator.simulate(policy, listing.images(), listing.indexes(), now);
    List<PreviewedImage> preview =
        api.preview(PolicyJson.render(policy), Duration.ofSeconds(30), Duration.ofMillis(100));

    Set<String> expected = new TreeSet<>(Set.of(r1, r1amd64, r1arm64, orphan));
    assertEquals(expected, acted(simulation));
    assertEquals(
        expected, preview.stream().map(PreviewedImage::digest).collect(Collectors.toSet()));
    assertEquals(List.of(), PreviewComparison.disagreements(simulation, preview));
    for (SimulatedImage image : simulation.images()) {
      String digest = image.image().digest();
      String index =
          Set.of(r1amd64, r1arm64).contains(digest)
              ? r1
              : Set.of(r2amd64, r2arm64).contains(digest) ? r2 : null;
      assertEquals(index, image.index(), digest);
    }
    assertFalse(
        PreviewComparison.disagreements(
                LifecycleSimulator.simulate(policy, listing.images(), now), preview)
            .isEmpty(),
        "ranked on their own, the 20-day-old platform images of 1.1.0 would expire");

    ecr.putLifecyclePolicy(
        r -> r.repositoryName(REPOSITORY).lifecyclePolicyText(PolicyJson.render(policy)));
    emulator.runLifecyclePolicy(REPOSITORY);
    assertEquals(
        Set.of(r2, r2amd64, r2arm64),
        ecr.describeImages(r -> r.repositoryName(REPOSITORY)).imageDetails().stream()
            .map(ImageDetail::imageDigest)
            .collect(Collectors.toSet()),
        "the lifecycle run deletes 1.0.0 with its platform images, and the orphan");
    assertTrue(emulator.violations().isEmpty(), emulator.violations().toString());
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}
