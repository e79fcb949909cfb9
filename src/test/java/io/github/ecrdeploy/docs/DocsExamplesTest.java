package io.github.ecrdeploy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example in README.md and docs/ is copied from a file that runs it (see {@link
 * DocsExamples}).
 */
class DocsExamplesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void everyExampleInTheDocsComesFromARepositoryFile() throws IOException {
    List<Path> pages = markdownPages(ROOT);
    assertTrue(pages.contains(ROOT.resolve("README.md")), "README.md not found under " + ROOT);
    assertTrue(pages.size() > 5, "expected README.md and the pages of docs/, found " + pages);
    DocsExamples rule = new DocsExamples(ROOT);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      problems.addAll(rule.check(page));
      checked +=
          DocsExamples.blocks(Files.readAllLines(page)).stream()
              .filter(b -> b.marker() != null)
              .count();
    }
    if (!problems.isEmpty()) {
      fail(
          problems.size()
              + " docs example(s) not copied from the file their <!-- example: PATH --> marker"
              + " names (README.md and docs/**/*.md; the rule: docs/README.md, 'Writing these"
              + " docs'):\n"
              + "  "
              + String.join("\n  ", problems));
    }
    assertTrue(
        checked >= 10,
        "only " + checked + " marked examples found: is the marker syntax still recognised?");
  }

  @Test
  void docsItsUseThePluginAtTheProjectVersion() throws IOException {
    Path pluginXml = ROOT.resolve("target/classes/META-INF/maven/plugin.xml");
    assertTrue(Files.isRegularFile(pluginXml), pluginXml + " is missing: run ./mvnw -B test");
    Pattern coordinates =
        Pattern.compile(
            "<artifactId>ecr-deploy-maven-plugin</artifactId>\\s*<version>([^<]+)</version>");
    Matcher version = coordinates.matcher(Files.readString(pluginXml));
    assertTrue(version.find(), "no version in " + pluginXml);
    List<Path> poms;
    try (Stream<Path> dirs = Files.list(ROOT.resolve("src/it"))) {
      poms =
          dirs.filter(d -> d.getFileName().toString().startsWith("docs-"))
              .map(d -> d.resolve("pom.xml"))
              .toList();
    }
    assertTrue(poms.size() >= 2, "expected the docs-* ITs under src/it, found " + poms);
    for (Path pom : poms) {
      Matcher used = coordinates.matcher(Files.readString(pom));
      while (used.find()) {
        assertEquals(
            version.group(1),
            used.group(1),
            ROOT.relativize(pom)
                + " must use the plugin at the project version (the docs copy its coordinates)");
      }
    }
  }

  @Test
  void everyBlockOfTheDockerfileMigrationRecipeIsAFileOfItsIntegrationTest() throws IOException {
    // The recipe translates one pipeline: its "before" files and the POM that replaces them are all
    // in
    // src/it/docs-migrate-dockerfile, which runs mvn deploy; no block on the page may come from
    // elsewhere.
    Path page = ROOT.resolve("docs/recipes/from-dockerfile-and-scripts.md");
    String it = "src/it/docs-migrate-dockerfile/";
    List<DocsExamples.Block> blocks = DocsExamples.blocks(Files.readAllLines(page));
    for (DocsExamples.Block block : blocks) {
      assertTrue(
          block.marker() != null && block.marker().startsWith(it),
          page.getFileName()
              + ":"
              + block.line()
              + " (```"
              + block.language()
              + "): every block needs <!-- example: "
              + it
              + "... -->, not "
              + block.marker());
    }
    assertEquals(List.of(), new DocsExamples(ROOT).check(page));
    List<String> files = blocks.stream().map(DocsExamples.Block::marker).distinct().toList();
    for (String file :
        List.of(
            "before/Dockerfile",
            "before/.github/workflows/deploy.yml",
            "before/scripts/ecr-lifecycle-policy.json",
            "before/scripts/setup-ecr-lifecycle-policy.sh",
            "pom.xml",
            "after/.github/workflows/deploy.yml")) {
      assertTrue(files.contains(it + file), "the recipe does not show " + it + file);
    }
  }

  static List<Path> markdownPages(Path root) throws IOException {
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void aMarkedBlockMatchesConsecutiveTrimmedLinesIgnoringBlankLines() {
    List<String> source = List.of("<a>", "  <b>1</b>", "", "    <c>2</c>", "</a>");
    assertEquals(
        Optional.empty(), DocsExamples.mismatch(List.of("<b>1</b>", "", "<c>2</c>"), source));
    assertEquals(
        Optional.empty(),
        DocsExamples.mismatch(List.of("<a>", "<b>1</b>", "<c>2</c>", "</a>"), source));
  }

  @Test
  void aSkippedOrChangedLineIsReportedAtTheFirstLineThatDidNotMatch() {
    List<String> source = List.of("<a>", "<b>1</b>", "<c>2</c>", "</a>");
    assertEquals(Optional.of(1), DocsExamples.mismatch(List.of("<a>", "<c>2</c>"), source));
    assertEquals(
        Optional.of(2), DocsExamples.mismatch(List.of("<b>1</b>", "", "<c>3</c>"), source));
    assertEquals(Optional.of(0), DocsExamples.mismatch(List.of("<z/>"), source));
  }

  @Test
  void xmlAndYamlBlocksNeedAMarkerOthersAreCheckedOnlyWithOne(@TempDir Path root)
      throws IOException {
    Files.createDirectories(root.resolve("src/it/x"));
    Files.writeString(
        root.resolve("src/it/x/pom.xml"), "<project>\n  <a>1</a>\n  <b>2</b>\n</project>\n");
    Path page = root.resolve("page.md");
    Files.writeString(
        page,
        String.join(
            "\n",
            "# Page",
            "<!-- example: src/it/x/pom.xml -->",
            "",
            "```xml",
            "<a>1</a>",
            "<b>2</b>",
            "```",
            "```yaml",
            "a: 1",
            "```",
            "```sh",
            "mvn deploy",
            "```",
            "<!-- example: src/it/x/pom.xml -->",
            "```sh",
            "mvn verify",
            "```",
            "<!-- example: src/it/x/pom.xml -->",
            "```xml",
            "<a>1</a>",
            "<b>3</b>",
            "```",
            "<!-- example: src/it/missing/pom.xml -->",
            "```xml",
            "<a>1</a>",
            "```",
            "<!-- example: ../outside.xml -->",
            "```xml",
            "<a>1</a>",
            "```",
            ""));
    List<String> problems = new DocsExamples(root).check(page);
    assertEquals(5, problems.size(), String.join("\n", problems));
    assertTrue(
        problems.get(0).startsWith("page.md:8 (```yaml): no <!-- example: PATH --> marker"),
        problems.get(0));
    assertTrue(
        problems
                .get(1)
                .startsWith(
                    "page.md:15 (```sh): example: src/it/x/pom.xml does not contain this block")
            && problems.get(1).endsWith("(line 16): mvn verify"),
        problems.get(1));
    assertTrue(problems.get(2).endsWith("(line 21): <b>3</b>"), problems.get(2));
    assertTrue(
        problems.get(3).contains("marker path src/it/missing/pom.xml is not a file"),
        problems.get(3));
    assertTrue(
        problems.get(4).contains("marker path ../outside.xml is not a file"), problems.get(4));
  }

  @Test
  void aMarkerSeparatedByTextDoesNotCount() {
    List<DocsExamples.Block> blocks =
        DocsExamples.blocks(
            List.of("<!-- example: a.xml -->", "some text", "```xml", "<a/>", "```"));
    assertEquals(1, blocks.size());
    assertEquals(null, blocks.get(0).marker());
  }
}
