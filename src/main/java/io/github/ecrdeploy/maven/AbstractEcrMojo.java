package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.ecr.JvmProxyProperties;
import io.github.ecrdeploy.ecr.ProxySettings;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal has: {@code ecr.skip} and its own skip flag, {@code <outputDirectory>}, pom
 * packaging, Maven's {@code --offline}, and its configuration checked before anything runs (with
 * every other ecr-deploy goal of the build, by the first: {@link BuildConfigurationCheck}). Goals
 * that call ECR extend {@link AbstractEcrApiMojo}.
 */
public abstract class AbstractEcrMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /** Skips every goal of this plugin. */
  @Parameter(property = "ecr.skip", defaultValue = "false")
  protected boolean skip;

  /** Where the goals write image.tar, image.json and their other reports. */
  @Parameter(
      property = "ecr.outputDirectory",
      defaultValue = "${project.build.directory}/ecr-deploy")
  protected File outputDirectory;

  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Component private SettingsDecrypter settingsDecrypter;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  private MojoExecution mojoExecution;

  @Component private LifecycleExecutor lifecycleExecutor;

  @Component private BuildPluginManager buildPluginManager;

  @Component private MavenPluginManager mavenPluginManager;

  private ProxySettings proxies;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping ecr-deploy:" + goal() + " (ecr.skip)");
      skipped("ecr.skip");
      return;
    }
    if (goalSkipped()) {
      getLog().info("Skipping ecr-deploy:" + goal() + " (ecr." + goal() + ".skip)");
      skipped("ecr." + goal() + ".skip");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog()
          .info(
              "Skipping ecr-deploy:"
                  + goal()
                  + ": "
                  + project.getArtifactId()
                  + " has pom packaging");
      skipped(null);
      return;
    }
    Optional<String> network = networkUse();
    if (session.isOffline() && network.isPresent()) {
      throw new MojoExecutionException(
          "ecr-deploy:"
              + goal()
              + " needs the network ("
              + network.get()
              + ") but Maven runs offline (--offline/-o). Run without -o, or skip the goal with"
              + " -Decr."
              + goal()
              + ".skip=true");
    }
    if (mojoExecution != null) {
      new BuildConfigurationCheck(
              session, project, lifecycleExecutor, buildPluginManager, mavenPluginManager, getLog())
          .once(this, mojoExecution);
    }
    long started = System.nanoTime();
    try {
      ConfigProblems problems = new ConfigProblems();
      checkConfiguration(problems);
      problems.throwIfAny();
      try (JvmProxyProperties.Scope registryProxy = registryProxy()) {
        run();
      }
    } catch (MojoExecutionException e) {
      failed(e);
      throw e;
    }
    ReleaseReportStep.afterGoal(this, goal(), (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Routes the goal's registry traffic through the settings.xml proxies while it runs; none by
   * default.
   */
  protected JvmProxyProperties.Scope registryProxy() throws MojoExecutionException {
    return JvmProxyProperties.Scope.NONE;
  }

  /**
   * Called instead of {@link #run()} when the goal is skipped; {@code reason} is null for a
   * pom-packaging project.
   */
  protected void skipped(String reason) {}

  /**
   * Called when the goal's configuration is wrong or {@link #run()} fails with a {@link
   * MojoExecutionException}, before it is thrown.
   */
  protected void failed(MojoExecutionException e) {}

  /**
   * What the goal needs the network for, e.g. {@code "the ECR API"}; empty when it works without. A
   * goal that needs it fails at once under Maven's {@code --offline}, before any validation or
   * call.
   */
  protected abstract Optional<String> networkUse();

  /** The goal name, used in messages and skip properties. */
  protected abstract String goal();

  /** The goal's own skip flag ({@code ecr.<goal>.skip}). */
  protected abstract boolean goalSkipped();

  /**
   * Collects every problem of this goal's configuration, each naming its POM element, without the
   * network or a container. Checked before {@link #run()} (which then reads valid values), and by
   * the build's first ecr-deploy goal for every ecr-deploy goal of the build.
   */
  protected abstract void checkConfiguration(ConfigProblems problems);

  /** Runs the goal; its configuration has passed {@link #checkConfiguration}. */
  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  /** Whether this goal would run: not skipped, not a pom-packaging project. */
  final boolean runs() {
    return !skip && !goalSkipped() && !"pom".equals(project.getPackaging());
  }

  /** This goal's configuration problems, one per line; none when it would be skipped. */
  final List<String> problemsIfRun() {
    if (!runs()) {
      return List.of();
    }
    ConfigProblems problems = new ConfigProblems();
    checkConfiguration(problems);
    return problems.lines();
  }

  /** The active settings.xml proxies, passwords decrypted; resolved (and logged) once per goal. */
  protected ProxySettings proxies() throws MojoExecutionException {
    if (proxies == null) {
      proxies = new SettingsProxies(settings, settingsDecrypter).resolve(getLog());
    }
    return proxies;
  }

  /** settings.xml servers, passwords decrypted. */
  SettingsServers servers() {
    return new SettingsServers(settings, settingsDecrypter);
  }

  protected Log log() {
    return new MavenLog(getLog());
  }
}
