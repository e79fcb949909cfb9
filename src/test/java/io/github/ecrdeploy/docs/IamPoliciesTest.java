package io.github.ecrdeploy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege IAM policies of docs/iam.md (files in docs/iam/) are valid policy JSON, grant
 * exactly the ECR actions each goal needs, and together cover every ECR API operation the plugin's
 * code calls.
 */
class IamPoliciesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path IAM = ROOT.resolve("docs/iam");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What each policy must grant. API operations come from the code ({@code ecr.<operation>(...)} in
   * the ecr package); registry operations are the IAM actions ECR checks for the registry protocol:
   * pulling a manifest is BatchGetImage, a blob GetDownloadUrlForLayer, a blob HEAD
   * BatchCheckLayerAvailability, an upload InitiateLayerUpload / UploadLayerPart /
   * CompleteLayerUpload, a manifest PUT PutImage.
   */
  private static final Map<String, Set<String>> EXPECTED =
      Map.of(
          "push.json",
          Set.of(
              "GetAuthorizationToken", // RegistryLogin
              "DescribeRepositories", // Repositories
              "CreateRepository", // Repositories, <createRepository>true
              "TagResource", // CreateRepository with <repositorySettings><resourceTags>
              "BatchGetImage", // TagState: what the tags point at
              "BatchCheckLayerAvailability", // LayerAvailabilityCheck and the registry's blob HEAD
              "InitiateLayerUpload", // registry: blob upload
              "UploadLayerPart",
              "CompleteLayerUpload",
              "PutImage"), // registry manifest PUT, TagWriter
          "base-image-from-ecr.json",
          Set.of("GetAuthorizationToken", "BatchGetImage", "GetDownloadUrlForLayer"),
          "lifecycle.json",
          Set.of(
              "GetLifecyclePolicy",
              "DescribeImages",
              "BatchGetImage", // LifecycleApi: the manifests of image indexes only
              "PutLifecyclePolicy",
              "StartLifecyclePolicyPreview", // dry run only
              "GetLifecyclePolicyPreview"),
          "health.json",
          Set.of(
              "DescribeRepositories", // TagPromotion.checkMovable
              "DescribeImages", // TagState.digestsOf: where the promoted tags point (not a pull)
              "BatchGetImage", // the manifest to tag
              "PutImage",
              "BatchDeleteImage")); // roll-back of a promoted tag that did not exist before

  @Test
  void eachPolicyGrantsExactlyTheActionsItsGoalNeeds() throws IOException {
    for (Map.Entry<String, Set<String>> policy : EXPECTED.entrySet()) {
      assertEquals(
          new TreeSet<>(policy.getValue()),
          actions(policy.getKey()),
          "docs/iam/" + policy.getKey());
    }
    Set<String> all = new TreeSet<>();
    EXPECTED.forEach((file, actions) -> all.addAll(actions));
    all.removeAll(EXPECTED.get("base-image-from-ecr.json"));
    all.addAll(Set.of("GetAuthorizationToken", "BatchGetImage"));
    assertEquals(all, actions("deploy.json"), "docs/iam/deploy.json: push + lifecycle + health");
  }

  @Test
  void everyEcrOperationTheCodeCallsIsGranted() throws IOException {
    Map<String, String> called = ecrOperationsCalled(ROOT.resolve("src/main/java"));
    assertTrue(
        called.containsKey("GetAuthorizationToken") && called.containsKey("PutLifecyclePolicy"),
        called.toString());
    Set<String> granted = new TreeSet<>();
    for (String file : EXPECTED.keySet()) {
      granted.addAll(actions(file));
    }
    Map<String, String> missing = new TreeMap<>(called);
    missing.keySet().removeAll(granted);
    assertEquals(
        Map.of(),
        missing,
        "ECR operations called in src/main (operation=file) that no policy in docs/iam grants: add"
            + " them to the goal's policy, to IamPoliciesTest.EXPECTED and to docs/iam.md");
  }

  @Test
  void policiesAreValidIamJsonWithTheLoginOnResourceStarOnly() throws IOException {
    try (Stream<Path> files = Files.list(IAM)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonNode policy = JSON.readTree(file.toFile());
        assertEquals("2012-10-17", policy.path("Version").asText(), file.toString());
        assertTrue(
            policy.path("Statement").isArray() && !policy.path("Statement").isEmpty(),
            file.toString());
        for (JsonNode statement : policy.path("Statement")) {
          assertEquals("Allow", statement.path("Effect").asText(), file.toString());
          Set<String> actions = new TreeSet<>();
          statement.path("Action").forEach(a -> actions.add(a.asText()));
          assertFalse(actions.isEmpty(), file + ": a statement without actions");
          actions.forEach(a -> assertTrue(a.matches("ecr:[A-Z][A-Za-z]+"), file + ": " + a));
          String resource = statement.path("Resource").asText();
          if (actions.contains("ecr:GetAuthorizationToken")) {
            assertEquals(
                Set.of("ecr:GetAuthorizationToken"),
                actions,
                file + ": the login has its own statement");
            assertEquals("*", resource, file + ": GetAuthorizationToken needs Resource *");
          } else {
            // Placeholders, not a sample region: a copied policy must not work by accident in
            // one region and be denied in another (docs/region.md).
            assertTrue(
                resource.matches("arn:aws:ecr:REGION:ACCOUNT_ID:repository/.+"),
                file
                    + ": "
                    + resource
                    + " (write the ARN with the placeholders REGION and ACCOUNT_ID)");
          }
        }
      }
    }
  }

  @Test
  void theOperationScanFindsSdkCallsAndPaginators() {
    assertEquals(
        Map.of("DescribeImages", "-", "PutImage", "-"),
        operations(
            "ecr.describeImagesPaginator(r -> r); x = ecr.putImage(request); ecr.close();", "-"));
  }

  /** The ECR actions a policy file grants, without the {@code ecr:} prefix. */
  static Set<String> actions(String file) throws IOException {
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : JSON.readTree(IAM.resolve(file).toFile()).path("Statement")) {
      statement.path("Action").forEach(a -> actions.add(a.asText().replaceFirst("^ecr:", "")));
    }
    return actions;
  }

  private static final Pattern SDK_CALL =
      Pattern.compile("\\becr\\.([a-z][A-Za-z]+?)(Paginator)?\\(");

  /**
   * ECR operations called as {@code ecr.operation(...)} in the sources, with the file of the first
   * call.
   */
  static Map<String, String> ecrOperationsCalled(Path sources) throws IOException {
    Map<String, String> found = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        operations(Files.readString(file), sources.relativize(file).toString())
            .forEach(found::putIfAbsent);
      }
    }
    return found;
  }

  private static Map<String, String> operations(String source, String file) {
    Map<String, String> found = new TreeMap<>();
    Matcher call = SDK_CALL.matcher(source);
    while (call.find()) {
      String method = call.group(1);
      if (!Set.of("close", "serviceName", "serviceClientConfiguration", "waiter", "utilities")
          .contains(method)) {
        found.putIfAbsent(Character.toUpperCase(method.charAt(0)) + method.substring(1), file);
      }
    }
    return found;
  }
}
