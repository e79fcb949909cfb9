package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.image.ByteSize;
import io.github.ecrdeploy.release.GoalTimes;
import io.github.ecrdeploy.release.ReleaseSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * After each goal: records its time, and at the end of the module's last ecr-deploy goal writes and
 * prints the release summary (and appends it to {@code $GITHUB_STEP_SUMMARY} when set).
 */
final class ReleaseReportStep {
  /** The goals in the order a release runs them; the last one that runs prints the summary. */
  static final List<String> RELEASE_ORDER =
      List.of("build", "smoke", "push", "lifecycle", "health");

  static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

  private ReleaseReportStep() {}

  static void afterGoal(AbstractEcrMojo mojo, String goal, long tookMillis) {
    Path output = mojo.outputDirectory.toPath();
    try {
      GoalTimes times =
          GoalTimes.record(output, mojo.session.getStartTime().getTime(), goal, tookMillis);
      if (!goal.equals(lastGoal(mojo))) {
        return;
      }
      ReleaseSummary summary =
          ReleaseSummary.collect(mojo.project.getArtifactId(), output, times, maxImageSize(mojo));
      if (summary == null) {
        return;
      }
      summary.write(output);
      summary.lines().forEach(mojo.getLog()::info);
      String stepSummary = System.getenv(STEP_SUMMARY);
      if (stepSummary != null && !stepSummary.isBlank()) {
        summary.appendTo(Path.of(stepSummary));
        mojo.getLog().info("  appended to $" + STEP_SUMMARY);
      }
    } catch (IOException | RuntimeException e) {
      mojo.getLog().warn("Cannot write the release summary: " + e.getMessage());
    }
  }

  /**
   * The build's {@code <maxImageSize>}: {@code -Decr.maxImageSize}, else the plugin's configuration
   * in the POM; null when unset or not a size (build reports that itself).
   */
  private static Long maxImageSize(AbstractEcrMojo mojo) {
    String text = mojo.session.getUserProperties().getProperty("ecr.maxImageSize");
    if (text == null
        && mojo.getPluginContext() != null
        && mojo.getPluginContext().get("pluginDescriptor") instanceof PluginDescriptor plugin) {
      Plugin build = mojo.project.getPlugin(plugin.getPluginLookupKey());
      text = build == null ? null : child(build.getConfiguration());
      if (text == null && build != null) {
        for (PluginExecution execution : build.getExecutions()) {
          text = text == null ? child(execution.getConfiguration()) : text;
        }
      }
    }
    if (text == null) {
      text = mojo.project.getProperties().getProperty("ecr.maxImageSize");
    }
    try {
      return text == null || text.isBlank() ? null : ByteSize.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String child(Object configuration) {
    if (configuration instanceof Xpp3Dom dom && dom.getChild("maxImageSize") != null) {
      return dom.getChild("maxImageSize").getValue();
    }
    return null;
  }

  /** The last goal of {@link #RELEASE_ORDER} this project's build runs, or null. */
  private static String lastGoal(AbstractEcrMojo mojo) {
    @SuppressWarnings("rawtypes")
    Map context = mojo.getPluginContext();
    Object descriptor = context == null ? null : context.get("pluginDescriptor");
    if (!(descriptor instanceof PluginDescriptor plugin)) {
      return null;
    }
    String last = null;
    for (String goal : RELEASE_ORDER) {
      if (ReactorSummary.projectsRunning(
              List.of(mojo.project),
              mojo.session.getGoals(),
              plugin.getGroupId(),
              plugin.getArtifactId(),
              plugin.getGoalPrefix(),
              goal)
          .contains(ReactorSummary.id(mojo.project))) {
        last = goal;
      }
    }
    return last;
  }
}
