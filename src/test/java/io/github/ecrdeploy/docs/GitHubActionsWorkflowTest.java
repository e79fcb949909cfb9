package io.github.ecrdeploy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Actions recipe ({@code docs/ci/github-actions.yml}) parses as YAML and has what the
 * recipe promises: the OIDC permission, the role assumed with configure-aws-credentials before
 * {@code mvn deploy}, and caches for {@code ~/.m2} and the plugin's base layer cache (its default
 * taken from the generated plugin descriptor).
 */
class GitHubActionsWorkflowTest {
  private static final Path WORKFLOW = Path.of("docs/ci/github-actions.yml");
  private static JsonNode workflow;
  private static List<JsonNode> steps;

  @BeforeAll
  static void parse() throws Exception {
    workflow = new YAMLMapper().readTree(WORKFLOW.toFile());
    JsonNode jobs = workflow.path("jobs");
    assertEquals(1, jobs.size(), "one job: " + jobs);
    steps = new ArrayList<>();
    jobs.elements().next().path("steps").forEach(steps::add);
    assertTrue(!steps.isEmpty(), "the job has steps");
  }

  private static int indexOf(String action) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).path("uses").asText().startsWith(action + "@")) {
        return i;
      }
    }
    throw new AssertionError("no step uses " + action + ": " + steps);
  }

  @Test
  void runsOnPushesToMain() {
    assertEquals(
        "main",
        workflow.path("on").path("push").path("branches").get(0).asText(),
        workflow.toString());
  }

  @Test
  void mayAskForAnOidcTokenAndOnlyReadTheRepository() {
    JsonNode permissions = workflow.path("permissions");
    assertEquals("write", permissions.path("id-token").asText());
    assertEquals("read", permissions.path("contents").asText());
    assertEquals(2, permissions.size(), "no other permission: " + permissions);
  }

  @Test
  void assumesTheDeployRoleWithConfigureAwsCredentials() {
    JsonNode with = steps.get(indexOf("aws-actions/configure-aws-credentials")).path("with");
    assertTrue(
        with.path("role-to-assume").asText().matches("arn:aws:iam::\\d{12}:role/.+"),
        with.toString());
    assertTrue(with.path("aws-region").asText().matches("[a-z]{2}(-[a-z]+)+-\\d"), with.toString());
    assertTrue(with.path("aws-access-key-id").isMissingNode(), "no stored AWS keys: " + with);
  }

  @Test
  void setsUpJava17WithTheMavenCache() {
    JsonNode with = steps.get(indexOf("actions/setup-java")).path("with");
    assertEquals("temurin", with.path("distribution").asText());
    assertEquals("17", with.path("java-version").asText());
    assertEquals("maven", with.path("cache").asText());
  }

  @Test
  void cachesThePluginsDefaultBaseLayerCache() throws Exception {
    String defaultCache = pluginDefault("baseImageCache").replace("${user.home}", "~");
    JsonNode with = steps.get(indexOf("actions/cache")).path("with");
    List<String> paths =
        Arrays.stream(with.path("path").asText().split("\n")).map(String::trim).toList();
    assertTrue(
        paths.stream().anyMatch(p -> defaultCache.equals(p) || defaultCache.startsWith(p + "/")),
        "cache paths " + paths + " cover the plugin's default " + defaultCache);
    assertTrue(
        with.path("key").asText().contains("hashFiles("), "the key changes with the POMs: " + with);
  }

  @Test
  void deploysWithTheWrapperInBatchModeAfterTheCredentialsAndCaches() {
    JsonNode last = steps.get(steps.size() - 1);
    assertEquals("./mvnw -B deploy", last.path("run").asText().trim());
    assertTrue(indexOf("actions/checkout") < indexOf("aws-actions/configure-aws-credentials"));
    assertTrue(indexOf("actions/cache") < steps.size() - 1);
  }

  /** The default of a parameter as the generated plugin descriptor (target/classes) states it. */
  private static String pluginDefault(String parameter) throws Exception {
    String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
    Matcher m =
        Pattern.compile("<" + parameter + " [^>]*default-value=\"([^\"]+)\"").matcher(descriptor);
    assertTrue(m.find(), "no default for <" + parameter + "> in the plugin descriptor");
    return m.group(1);
  }

  @Test
  void theMigratedWorkflowKeepsCheckoutJavaOidcAndOneMavenCommand() throws Exception {
    // docs/recipes/from-dockerfile-and-scripts.md: what the Dockerfile pipeline's workflow becomes.
    Path dir = Path.of("src/it/docs-migrate-dockerfile");
    List<String> before =
        uses(
            new YAMLMapper().readTree(dir.resolve("before/.github/workflows/deploy.yml").toFile()));
    JsonNode after =
        new YAMLMapper().readTree(dir.resolve("after/.github/workflows/deploy.yml").toFile());
    assertTrue(before.contains("docker/build-push-action@v6"), before.toString());
    assertEquals(
        List.of(
            "actions/checkout@v4",
            "actions/setup-java@v4",
            "actions/cache@v4",
            "aws-actions/configure-aws-credentials@v4"),
        uses(after));
    JsonNode steps = after.path("jobs").path("deploy").path("steps");
    assertEquals(
        "./mvnw -B deploy -Dgit.commit=${{ github.sha }}",
        steps.get(steps.size() - 1).path("run").asText().trim());
    assertEquals("write", after.path("permissions").path("id-token").asText());
  }

  private static List<String> uses(JsonNode workflow) {
    List<String> uses = new ArrayList<>();
    workflow
        .path("jobs")
        .path("deploy")
        .path("steps")
        .forEach(
            step -> {
              if (step.has("uses")) {
                uses.add(step.path("uses").asText());
              }
            });
    return uses;
  }
}
