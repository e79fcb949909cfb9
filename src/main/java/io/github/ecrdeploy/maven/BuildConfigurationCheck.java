package io.github.ecrdeploy.maven;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Validates the configuration of every ecr-deploy goal of the project's build when the first one
 * runs, before any network call or container start: a typo in {@code <health>} must not cost a
 * pushed (and, in an IMMUTABLE repository, spent) version tag. The build plan is Maven's own
 * ({@code LifecycleExecutor.calculateExecutionPlan} for the session's goals); each of this plugin's
 * executions in it is configured as Maven would configure it and asked for its problems. Done once
 * per project and build; which of those goals will run (not skipped) is kept for {@link
 * #goalsToRun}.
 */
final class BuildConfigurationCheck {
  private static final String DONE = "ecr-deploy.configurationChecked";
  private static final String GOALS_TO_RUN = "ecr-deploy.goalsToRun";

  private final MavenSession session;
  private final MavenProject project;
  private final LifecycleExecutor lifecycle;
  private final BuildPluginManager buildPlugins;
  private final MavenPluginManager plugins;
  private final Log log;

  BuildConfigurationCheck(
      MavenSession session,
      MavenProject project,
      LifecycleExecutor lifecycle,
      BuildPluginManager buildPlugins,
      MavenPluginManager plugins,
      Log log) {
    this.session = session;
    this.project = project;
    this.lifecycle = lifecycle;
    this.buildPlugins = buildPlugins;
    this.plugins = plugins;
    this.log = log;
  }

  /**
   * Fails with every problem of every ecr-deploy goal in the build, each naming its goal, unless an
   * earlier goal of this project already checked.
   */
  void once(AbstractEcrMojo current, MojoExecution currentExecution) throws MojoExecutionException {
    if (project.getContextValue(DONE) != null) {
      return;
    }
    project.setContextValue(DONE, Boolean.TRUE);
    List<String> problems = new ArrayList<>();
    Set<String> toRun = new HashSet<>();
    int goals = 0;
    Optional<List<MojoExecution>> plan = executions(currentExecution);
    for (MojoExecution execution : plan.orElse(List.of(currentExecution))) {
      goals++;
      String name = "ecr-deploy:" + execution.getGoal();
      if (execution.getExecutionId().equals(currentExecution.getExecutionId())
          && execution.getGoal().equals(currentExecution.getGoal())) {
        current.problemsIfRun().forEach(p -> problems.add(name + ": " + p));
        toRun.add(execution.getGoal());
        continue;
      }
      problems.addAll(problemsOf(execution, name, toRun));
    }
    if (plan.isPresent()) {
      project.setContextValue(GOALS_TO_RUN, Set.copyOf(toRun));
    }
    if (!problems.isEmpty()) {
      throw new MojoExecutionException(
          problems.size()
              + " problem(s) in the ecr-deploy configuration; nothing was built, pushed or"
              + " changed:\n  "
              + String.join("\n  ", problems));
    }
    log.debug("Checked the configuration of " + goals + " ecr-deploy goal(s) of this build");
  }

  /**
   * The ecr-deploy goals of this project's build plan that will run (not skipped), as the first
   * ecr-deploy goal found them; empty when there was no plan.
   */
  @SuppressWarnings("unchecked")
  static Optional<Set<String>> goalsToRun(MavenProject project) {
    return Optional.ofNullable((Set<String>) project.getContextValue(GOALS_TO_RUN));
  }

  /** This plugin's executions in the build plan; empty when there is no plan. */
  private Optional<List<MojoExecution>> executions(MojoExecution current) {
    String key = current.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey();
    try {
      return Optional.of(
          lifecycle
              .calculateExecutionPlan(session, session.getGoals().toArray(new String[0]))
              .getMojoExecutions()
              .stream()
              .filter(
                  e -> key.equals(e.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey()))
              .toList());
    } catch (Exception e) {
      log.warn(
          "Only ecr-deploy:"
              + current.getGoal()
              + " is checked now, the other ecr-deploy goals when they run: no build plan ("
              + e.getMessage()
              + ")");
      return Optional.empty();
    }
  }

  /** The problems of {@code execution}; adds its goal to {@code toRun} unless it is skipped. */
  private List<String> problemsOf(MojoExecution execution, String name, Set<String> toRun) {
    Object mojo = null;
    try {
      buildPlugins.getPluginRealm(session, execution.getMojoDescriptor().getPluginDescriptor());
      mojo = plugins.getConfiguredMojo(Mojo.class, session, execution);
      if (!(mojo instanceof AbstractEcrMojo ecrMojo)) {
        log.debug(name + " is not checked: loaded by another class loader");
        toRun.add(execution.getGoal());
        return List.of();
      }
      if (ecrMojo.runs()) {
        toRun.add(execution.getGoal());
      }
      return ecrMojo.problemsIfRun().stream().map(p -> name + ": " + p).toList();
    } catch (Exception e) {
      toRun.add(execution.getGoal());
      return List.of(name + ": " + e.getMessage());
    } finally {
      if (mojo != null) {
        plugins.releaseMojo(mojo, execution);
      }
    }
  }
}
