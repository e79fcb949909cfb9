package io.github.ecrdeploy.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReactorSummaryTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  private ReactorSummary summary(List<String> reactor, List<String> expected) {
    return new ReactorSummary(reactor, expected, dir.resolve(ReactorSummary.FILE_NAME));
  }

  private static Optional<ReactorSummary.Module> pushed(String module, long bytes) {
    return Optional.of(
        ReactorSummary.Module.pushed(
            module,
            "127.0.0.1:5000/team/" + module + "@" + DIGEST,
            DIGEST,
            List.of("1.0", "latest"),
            bytes,
            true));
  }

  @Test
  void printsOneTableWhenTheLastExpectedModuleRecordsInReactorOrder() throws Exception {
    ReactorSummary summary =
        summary(List.of("g:parent", "g:a", "g:b", "g:lib"), List.of("g:parent", "g:a", "g:b"));

    assertEquals(Optional.empty(), summary.record("g:b", pushed("b", 2048)));
    assertEquals(Optional.empty(), summary.record("g:parent", Optional.empty()));
    List<String> table =
        summary
            .record("g:a", Optional.of(ReactorSummary.Module.failed("a", "ECR said no\nmore")))
            .orElseThrow();

    assertTrue(
        table.get(0).contains("2 module(s), 1 pushed, 1 failed, 2.0 kB uploaded"), table.get(0));
    assertTrue(
        table.get(1).trim().matches("MODULE\\s+IMAGE\\s+DIGEST\\s+TAGS\\s+UPLOADED\\s+RESULT"),
        table.get(1));
    assertTrue(
        table.get(2).trim().startsWith("a "), "reactor order, not completion order: " + table);
    assertTrue(table.get(2).endsWith("failed: ECR said no"), table.get(2));
    assertTrue(table.get(3).contains("127.0.0.1:5000/team/b "), table.get(3));
    assertTrue(table.get(3).contains(" sha256:0123456789ab "), table.get(3));
    assertTrue(table.get(3).contains(" 1.0,latest "), table.get(3));
    assertTrue(table.get(3).endsWith(" pushed"), table.get(3));
    assertEquals(4, table.size(), "the pom parent has no row: " + table);

    assertEquals(Optional.empty(), summary.record("g:b", pushed("b", 1)), "printed once per build");
  }

  @Test
  void jsonIsRewrittenAfterEachModuleAndSaysWhenComplete() throws Exception {
    ReactorSummary summary = summary(List.of("g:a", "g:b"), List.of("g:a", "g:b"));
    ObjectMapper json = new ObjectMapper();

    summary.record("g:a", pushed("a", 10));
    JsonNode partial = json.readTree(dir.resolve(ReactorSummary.FILE_NAME).toFile());
    assertFalse(partial.get("complete").asBoolean());
    assertEquals(1, partial.get("modules").size());

    summary.record("g:b", Optional.of(ReactorSummary.Module.skipped("b", "ecr.push.skip")));
    JsonNode done = json.readTree(dir.resolve(ReactorSummary.FILE_NAME).toFile());
    assertTrue(done.get("complete").asBoolean());
    assertEquals("a", done.at("/modules/0/module").asText());
    assertEquals("pushed", done.at("/modules/0/result").asText());
    assertEquals(DIGEST, done.at("/modules/0/digest").asText());
    assertEquals(10, done.at("/modules/0/bytesUploaded").asLong());
    assertEquals("skipped", done.at("/modules/1/result").asText());
    assertEquals("ecr.push.skip", done.at("/modules/1/detail").asText());
  }

  @Test
  void throttledCallsThatWereRetriedAreAddedUpInTheHeaderAndTheJson() throws Exception {
    ReactorSummary summary = summary(List.of("g:a", "g:b", "g:c"), List.of("g:a", "g:b", "g:c"));
    ObjectMapper json = new ObjectMapper();

    summary.record("g:a", pushed("a", 10).map(m -> m.withThrottlingRetries(3)));
    summary.record(
        "g:b",
        Optional.of(ReactorSummary.Module.failed("b", "ECR said no").withThrottlingRetries(2)));
    List<String> table = summary.record("g:c", pushed("c", 10)).orElseThrow();

    assertTrue(
        table
            .get(0)
            .contains(
                "3 module(s), 2 pushed, 1 failed, 20 B uploaded, 5 ECR call(s) retried after"
                    + " throttling ("),
        table.get(0));
    JsonNode done = json.readTree(dir.resolve(ReactorSummary.FILE_NAME).toFile());
    assertEquals(5, done.get("throttlingRetries").asInt());
    assertEquals(3, done.at("/modules/0/throttlingRetries").asInt());
    assertEquals(2, done.at("/modules/1/throttlingRetries").asInt());
    assertEquals(0, done.at("/modules/2/throttlingRetries").asInt());
  }

  @Test
  void aReactorThatWasNeverThrottledSaysNothingAboutIt() throws Exception {
    ReactorSummary summary = summary(List.of("g:a", "g:b"), List.of("g:a", "g:b"));
    summary.record("g:a", pushed("a", 10));
    List<String> table = summary.record("g:b", pushed("b", 10)).orElseThrow();

    assertFalse(table.get(0).contains("throttling"), table.get(0));
    JsonNode done = new ObjectMapper().readTree(dir.resolve(ReactorSummary.FILE_NAME).toFile());
    assertEquals(0, done.get("throttlingRetries").asInt());
  }

  @Test
  void exactlyOneOfManyConcurrentModulesGetsTheTable() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ids.add("g:m" + i);
    }
    ReactorSummary summary = summary(ids, ids);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Optional<List<String>>>> results = new ArrayList<>();
      for (String id : ids) {
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  return summary.record(id, pushed(id.substring(2), 1));
                }));
      }
      start.countDown();
      int tables = 0;
      for (Future<Optional<List<String>>> result : results) {
        if (result.get().isPresent()) {
          tables++;
          assertEquals(2 + ids.size(), result.get().get().size());
        }
      }
      assertEquals(1, tables);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void expectsTheModulesThatBindPushOrAllWhenTheCommandLineNamesIt() {
    MavenProject parent = project("parent", "pom", null);
    MavenProject image = project("orders", "jar", "push");
    MavenProject buildOnly = project("billing", "jar", "build");
    MavenProject library = project("lib", "jar", null);
    List<MavenProject> reactor = List.of(parent, image, buildOnly, library);

    assertEquals(
        List.of("g:orders"),
        ReactorSummary.projectsRunning(
            reactor, List.of("deploy"), "io.x", "p", "ecr-deploy", "push"));
    for (String goal :
        List.of("ecr-deploy:push", "io.x:p:push", "io.x:p:1.0:push", "ecr-deploy:push@again")) {
      assertEquals(
          4,
          ReactorSummary.projectsRunning(
                  reactor, List.of("package", goal), "io.x", "p", "ecr-deploy", "push")
              .size(),
          goal);
    }
    assertEquals(
        List.of("g:orders"),
        ReactorSummary.projectsRunning(
            reactor, List.of("ecr-deploy:build", "other:push"), "io.x", "p", "ecr-deploy", "push"));
  }

  private static MavenProject project(String artifactId, String packaging, String goal) {
    Model model = new Model();
    model.setGroupId("g");
    model.setArtifactId(artifactId);
    model.setVersion("1");
    model.setPackaging(packaging);
    model.setBuild(new Build());
    if (goal != null) {
      Plugin plugin = new Plugin();
      plugin.setGroupId("io.x");
      plugin.setArtifactId("p");
      PluginExecution execution = new PluginExecution();
      execution.addGoal(goal);
      plugin.addExecution(execution);
      model.getBuild().addPlugin(plugin);
    }
    return new MavenProject(model);
  }
}
