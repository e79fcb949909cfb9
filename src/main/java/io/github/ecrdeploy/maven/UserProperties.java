package io.github.ecrdeploy.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Reads {@code -D} properties for map-valued parameters, which Maven cannot convert itself: {@code
 * -Decr.environment=A=1,B=2} (a backslash escapes a comma).
 */
final class UserProperties {
  private UserProperties() {}

  /** The POM map overlaid with the entries of property {@code name}, if set. */
  static Map<String, String> map(MavenSession session, String name, Map<String, String> fromPom)
      throws MojoExecutionException {
    Map<String, String> result = new LinkedHashMap<>(fromPom == null ? Map.of() : fromPom);
    String value = lookup(session, name);
    if (value == null || value.isBlank()) {
      return result;
    }
    for (String entry : value.split("(?<!\\\\),")) {
      String unescaped = entry.replace("\\,", ",");
      int eq = unescaped.indexOf('=');
      if (eq <= 0) {
        throw new MojoExecutionException("-D" + name + ": '" + unescaped + "' is not KEY=VALUE");
      }
      result.put(unescaped.substring(0, eq).trim(), unescaped.substring(eq + 1));
    }
    return result;
  }

  private static String lookup(MavenSession session, String name) {
    Properties user = session.getUserProperties();
    if (user.containsKey(name)) {
      return user.getProperty(name);
    }
    Properties project = session.getCurrentProject().getProperties();
    return project.getProperty(name, session.getSystemProperties().getProperty(name));
  }
}
