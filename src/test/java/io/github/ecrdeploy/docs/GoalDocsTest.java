package io.github.ecrdeploy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parameter table of every goal page ({@code docs/<goal>.md}) is what the Mojo annotations say.
 * Run with {@code -Decr.docs.write=true} to rewrite the tables (and create missing pages) instead
 * of failing.
 */
class GoalDocsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path PLUGIN_XML = ROOT.resolve("target/classes/META-INF/maven/plugin.xml");
  private static final String FIX = "./mvnw -B test -Dtest=GoalDocsTest -Decr.docs.write=true";

  @Test
  void everyGoalPageShowsTheParametersOfThePluginDescriptor() throws IOException {
    assertTrue(
        Files.isRegularFile(PLUGIN_XML),
        PLUGIN_XML
            + " is missing: maven-plugin-plugin writes it at process-classes; run ./mvnw -B test");
    GoalDocs.Plugin plugin;
    try (InputStream in = Files.newInputStream(PLUGIN_XML)) {
      plugin = GoalDocs.read(in);
    }
    assertTrue(
        plugin.goals().size() >= 6,
        "expected at least 6 goals in " + PLUGIN_XML + ", got " + plugin.goals());
    boolean write = Boolean.getBoolean("ecr.docs.write");
    List<String> problems = new ArrayList<>();
    for (GoalDocs.Goal goal : plugin.goals()) {
      Path page = ROOT.resolve("docs").resolve(goal.name() + ".md");
      String table = GoalDocs.table(goal);
      if (!Files.exists(page)) {
        if (write) {
          Files.writeString(page, GoalDocs.newPage(goal, plugin.goalPrefix()));
        } else {
          problems.add(
              "docs/" + goal.name() + ".md is missing: the goal " + goal.name() + " needs a page");
        }
        continue;
      }
      String text = Files.readString(page);
      Optional<String> updated = GoalDocs.replaceSection(text, table);
      if (updated.isEmpty()) {
        problems.add(
            "docs/"
                + goal.name()
                + ".md needs exactly one "
                + GoalDocs.BEGIN
                + " ... "
                + GoalDocs.END
                + " section");
      } else if (!updated.get().equals(text)) {
        if (write) {
          Files.writeString(page, updated.get());
        } else {
          problems.add(
              "docs/"
                  + goal.name()
                  + ".md: the parameter table differs from "
                  + PLUGIN_XML.getFileName()
                  + firstDifference(text, updated.get()));
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(
          "Goal pages out of date with the Mojo annotations; regenerate with "
              + FIX
              + "\n  "
              + String.join("\n  ", problems));
    }
  }

  private static String firstDifference(String page, String wanted) {
    List<String> have = page.lines().toList();
    List<String> want = wanted.lines().toList();
    for (int i = 0; i < Math.max(have.size(), want.size()); i++) {
      String h = i < have.size() ? have.get(i) : "(end of page)";
      String w = i < want.size() ? want.get(i) : "(end of page)";
      if (!h.equals(w)) {
        return " at line " + (i + 1) + ":\n    page:       " + h + "\n    plugin.xml: " + w;
      }
    }
    return "";
  }

  private static final String DESCRIPTOR =
      """
      <plugin>
        <artifactId>x-maven-plugin</artifactId>
        <goalPrefix>x</goalPrefix>
        <mojos>
          <mojo>
            <goal>push</goal>
            <description>Pushes.</description>
            <parameters>
              <parameter><name>tags</name><type>java.util.List</type><required>false</required><editable>true</editable>
                <description>Tags | to point &lt;here&gt;, e.g. v*.</description></parameter>
              <parameter><name>project</name><type>org.apache.maven.project.MavenProject</type><required>true</required>
                <editable>false</editable><description></description></parameter>
              <parameter><name>health</name><type>io.github.x.HealthConfig</type><required>true</required>
                <editable>true</editable><description>The checks.</description><deprecated>use checks</deprecated>
                <since>1.1</since></parameter>
              <parameter><name>retries</name><alias>tries</alias><type>int</type><required>false</required>
                <editable>true</editable><description>Retries.</description></parameter>
            </parameters>
            <configuration>
              <tags implementation="java.util.List" default-value="${project.version}">${x.tags}</tags>
              <project implementation="org.apache.maven.project.MavenProject" default-value="${project}"/>
              <retries implementation="int" default-value="5">${x.retries}</retries>
            </configuration>
          </mojo>
          <mojo><goal>help</goal><description>Help.</description></mojo>
        </mojos>
      </plugin>
      """;

  @Test
  void theTableListsEditableParametersWithPropertyTypeDefaultRequiredAndDescription()
      throws IOException {
    GoalDocs.Plugin plugin =
        GoalDocs.read(new ByteArrayInputStream(DESCRIPTOR.getBytes(StandardCharsets.UTF_8)));
    assertEquals("x", plugin.goalPrefix());
    assertEquals(2, plugin.goals().size());
    String table = GoalDocs.table(plugin.goals().get(0));
    List<String> rows = table.lines().filter(l -> l.startsWith("| `")).toList();
    assertEquals(
        List.of(
            "| `<health>` | — | `HealthConfig` | — | yes | **Deprecated**: use checks. The checks."
                + " Since 1.1. |",
            "| `<retries>` (alias `<tries>`) | `-Dx.retries` | `int` | `5` | no | Retries. |",
            "| `<tags>` | `-Dx.tags` | `List` | `${project.version}` | no | Tags \\| to point"
                + " &lt;here&gt;, e.g. v\\*. |"),
        rows);
    assertTrue(table.startsWith(GoalDocs.BEGIN + "\n") && table.endsWith(GoalDocs.END), table);
    assertTrue(GoalDocs.table(plugin.goals().get(1)).contains("This goal has no parameters."));
  }

  @Test
  void onlyTheMarkedSectionIsReplacedAndBrokenMarkersAreRefused() {
    String page = "# push\n\nintro\n\n" + GoalDocs.BEGIN + "\nold\n" + GoalDocs.END + "\n\nafter\n";
    assertEquals(
        Optional.of("# push\n\nintro\n\nNEW\n\nafter\n"), GoalDocs.replaceSection(page, "NEW"));
    assertFalse(GoalDocs.replaceSection("no markers", "NEW").isPresent());
    assertFalse(GoalDocs.replaceSection(GoalDocs.END + GoalDocs.BEGIN, "NEW").isPresent());
    assertFalse(GoalDocs.replaceSection(page + page, "NEW").isPresent());
  }
}
