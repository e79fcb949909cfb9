package io.github.ecrdeploy.maven;

import java.util.List;

/**
 * Whether the {@code push} goal runs later in the same Maven invocation: asked on the command line
 * ({@code ecr-deploy:push}, {@code groupId:artifactId[:version]:push}), or bound to a lifecycle phase that the requested
 * phases reach (by default {@code deploy}).
 */
final class PushInThisBuild {
  static final String DEFAULT_PHASE = "deploy";
  private static final List<String> DEFAULT_LIFECYCLE =
      List.of(
          "validate", "initialize", "generate-sources", "process-sources", "generate-resources", "process-resources",
          "compile", "process-classes", "generate-test-sources", "process-test-sources", "generate-test-resources",
          "process-test-resources", "test-compile", "process-test-classes", "test", "prepare-package", "package",
          "pre-integration-test", "integration-test", "post-integration-test", "verify", "install", "deploy");

  private PushInThisBuild() {}

  /**
   * @param goals the goals and phases of the command line ({@code MavenSession#getGoals()})
   * @param prefix the plugin's goal prefix
   * @param groupId the plugin's group id
   * @param artifactId the plugin's artifact id
   * @param pushPhases the phases the project binds {@code push} executions to (null entries: the default phase)
   */
  static boolean planned(
      List<String> goals, String prefix, String groupId, String artifactId, List<String> pushPhases) {
    for (String goal : goals) {
      if (goal.equals(prefix + ":push")
          || goal.startsWith(groupId + ":" + artifactId + ":") && goal.endsWith(":push")) {
        return true;
      }
      int reached = DEFAULT_LIFECYCLE.indexOf(goal);
      if (reached >= 0) {
        for (String phase : pushPhases) {
          int bound = DEFAULT_LIFECYCLE.indexOf(phase == null || phase.isBlank() ? DEFAULT_PHASE : phase.trim());
          if (bound >= 0 && bound <= reached) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
