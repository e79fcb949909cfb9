package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.ecr.RepositoryName;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters every goal shares, and the skip logic: {@code ecr.skip}, the goal's own skip flag, pom packaging. */
public abstract class AbstractEcrMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /** The ECR repository (and image) name, e.g. {@code team/orders}. */
  @Parameter(property = "ecr.repository", defaultValue = "${project.artifactId}")
  protected String repository;

  /** Skips every goal of this plugin. */
  @Parameter(property = "ecr.skip", defaultValue = "false")
  protected boolean skip;

  /** Allows plain HTTP and unverified certificates for registries. Only for registries you trust. */
  @Parameter(property = "ecr.allowInsecureRegistries", defaultValue = "false")
  protected boolean allowInsecureRegistries;

  /** Where the goals write image.tar, image.json and their other reports. */
  @Parameter(property = "ecr.outputDirectory", defaultValue = "${project.build.directory}/ecr-deploy")
  protected File outputDirectory;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping ecr-deploy:" + goal() + " (ecr.skip)");
      return;
    }
    if (goalSkipped()) {
      getLog().info("Skipping ecr-deploy:" + goal() + " (ecr." + goal() + ".skip)");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("Skipping ecr-deploy:" + goal() + ": " + project.getArtifactId() + " has pom packaging");
      return;
    }
    if (allowInsecureRegistries) {
      getLog().warn("<allowInsecureRegistries> is on: registries may be reached over plain HTTP or unverified TLS");
    }
    run();
  }

  /** The goal name, used in messages and skip properties. */
  protected abstract String goal();

  /** The goal's own skip flag ({@code ecr.<goal>.skip}). */
  protected abstract boolean goalSkipped();

  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  /** Fails with the problem when {@code <repository>} is not a valid ECR name. */
  protected void validateRepository() throws MojoExecutionException {
    java.util.Optional<String> problem = RepositoryName.problem(repository);
    if (problem.isPresent()) {
      throw new MojoExecutionException(problem.get());
    }
  }

  protected Log log() {
    return new MavenLog(getLog());
  }
}
