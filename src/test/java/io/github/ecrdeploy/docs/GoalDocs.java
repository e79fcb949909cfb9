package io.github.ecrdeploy.docs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The parameter tables of the goal pages, rendered from the plugin descriptor that
 * maven-plugin-plugin generates from the Mojo annotations and Javadoc ({@code
 * target/classes/META-INF/maven/plugin.xml}). Each goal's page, {@code docs/<goal>.md}, holds its
 * table between {@link #BEGIN} and {@link #END}.
 */
final class GoalDocs {
  static final String BEGIN = "<!-- parameters:begin -->";
  static final String END = "<!-- parameters:end -->";

  /** The plugin's goal prefix and goals. */
  record Plugin(String goalPrefix, List<Goal> goals) {}

  /** A goal: its name, description and the parameters a user may set. */
  record Goal(String name, String description, List<Parameter> parameters) {}

  /** A user-settable parameter of a goal. */
  record Parameter(
      String name,
      String alias,
      String type,
      String property,
      String defaultValue,
      boolean required,
      String description,
      String deprecated,
      String since) {}

  private GoalDocs() {}

  /**
   * The goals of a plugin descriptor, in its order, each with its editable parameters sorted by
   * name.
   */
  static Plugin read(InputStream pluginXml) throws IOException {
    Element plugin;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      plugin = factory.newDocumentBuilder().parse(pluginXml).getDocumentElement();
    } catch (Exception e) {
      throw new IOException("plugin.xml is not a plugin descriptor: " + e.getMessage(), e);
    }
    List<Goal> goals = new ArrayList<>();
    for (Element mojo :
        children(child(plugin, "mojos").orElseThrow(() -> new IOException("no <mojos>")), "mojo")) {
      Optional<Element> configuration = child(mojo, "configuration");
      List<Parameter> parameters = new ArrayList<>();
      for (Element parameter :
          child(mojo, "parameters").map(p -> children(p, "parameter")).orElse(List.of())) {
        if (!"true".equals(text(parameter, "editable").orElse("true"))) {
          continue;
        }
        String name = text(parameter, "name").orElseThrow();
        Optional<Element> config = configuration.flatMap(c -> child(c, name));
        parameters.add(
            new Parameter(
                name,
                text(parameter, "alias").orElse(null),
                text(parameter, "type").orElse(""),
                config
                    .map(Element::getTextContent)
                    .map(String::trim)
                    .flatMap(GoalDocs::property)
                    .orElse(null),
                config
                    .filter(c -> c.hasAttribute("default-value"))
                    .map(c -> c.getAttribute("default-value"))
                    .orElse(null),
                "true".equals(text(parameter, "required").orElse("false")),
                text(parameter, "description").orElse(""),
                text(parameter, "deprecated").orElse(null),
                text(parameter, "since").orElse(null)));
      }
      parameters.sort(Comparator.comparing(Parameter::name));
      goals.add(
          new Goal(
              text(mojo, "goal").orElseThrow(), text(mojo, "description").orElse(""), parameters));
    }
    return new Plugin(
        text(plugin, "goalPrefix").orElse(text(plugin, "artifactId").orElse("")), goals);
  }

  /** {@code ecr.tags} for the expression {@code ${ecr.tags}}; nothing for other expressions. */
  private static Optional<String> property(String expression) {
    return expression.matches("\\$\\{[^${}]+}")
        ? Optional.of(expression.substring(2, expression.length() - 1))
        : Optional.empty();
  }

  /** The Markdown table of a goal's parameters, with the lines that mark it. */
  static String table(Goal goal) {
    StringBuilder out = new StringBuilder();
    out.append(BEGIN).append('\n');
    out.append(
            "<!-- Generated from the Mojo annotations (target/classes/META-INF/maven/plugin.xml) by"
                + " GoalDocsTest:")
        .append(
            " edit the Javadoc, then ./mvnw -B test -Dtest=GoalDocsTest -Decr.docs.write=true"
                + " -->\n\n");
    if (goal.parameters().isEmpty()) {
      out.append("This goal has no parameters.\n");
    } else {
      out.append("| parameter | property | type | default | required | description |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (Parameter p : goal.parameters()) {
        out.append("| `<").append(p.name()).append(">`");
        if (p.alias() != null) {
          out.append(" (alias `<").append(p.alias()).append(">`)");
        }
        out.append(" | ").append(p.property() == null ? "—" : code("-D" + p.property()));
        out.append(" | ").append(code(simpleType(p.type())));
        out.append(" | ").append(p.defaultValue() == null ? "—" : code(p.defaultValue()));
        out.append(" | ").append(p.required() ? "yes" : "no");
        out.append(" | ").append(description(p)).append(" |\n");
      }
    }
    out.append('\n').append(END);
    return out.toString();
  }

  private static String description(Parameter p) {
    String text = p.description() + (p.since() == null ? "" : " Since " + p.since() + ".");
    if (p.deprecated() == null) {
      return cell(text);
    }
    return "**Deprecated**"
        + (p.deprecated().isBlank() ? "" : ": " + cell(p.deprecated()))
        + ". "
        + cell(text);
  }

  /**
   * {@code java.util.List} as {@code List}, {@code io.github.ecrdeploy.health.HealthConfig} as
   * {@code HealthConfig}.
   */
  static String simpleType(String type) {
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return simple.substring(simple.lastIndexOf('$') + 1);
  }

  private static String code(String text) {
    String escaped = text.replace("|", "\\|").replaceAll("\\s+", " ");
    return escaped.contains("`") ? "`` " + escaped + " ``" : "`" + escaped + "`";
  }

  /** Text for a table cell: one line, no pipes, no HTML, no emphasis. */
  private static String cell(String text) {
    return text.replaceAll("\\s+", " ")
        .trim()
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("*", "\\*");
  }

  /**
   * The page with its generated section replaced by {@code table}; empty when the page has no
   * complete, unique pair of markers.
   */
  static Optional<String> replaceSection(String page, String table) {
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin < 0
        || end < begin
        || page.indexOf(BEGIN, begin + 1) >= 0
        || page.indexOf(END, end + 1) >= 0) {
      return Optional.empty();
    }
    return Optional.of(page.substring(0, begin) + table + page.substring(end + END.length()));
  }

  /** A page for a goal that has none yet. */
  static String newPage(Goal goal, String prefix) {
    return "# `"
        + prefix
        + ":"
        + goal.name()
        + "`\n\n"
        + cell(goal.description())
        + "\n\n## Parameters\n\n"
        + table(goal)
        + "\n";
  }

  private static Optional<Element> child(Element parent, String name) {
    return children(parent, name).stream().findFirst();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(Element::getTextContent).map(String::trim);
  }
}
