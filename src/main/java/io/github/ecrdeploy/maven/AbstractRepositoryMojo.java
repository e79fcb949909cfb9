package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.ecr.RepositoryName;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/** The ECR repository, for the goals that build, push or manage it. */
public abstract class AbstractRepositoryMojo extends AbstractEcrApiMojo {
  /**
   * The ECR repository (and image) name, e.g. {@code team/orders}; checked against ECR's naming
   * rules.
   */
  @Parameter(property = "ecr.repository", defaultValue = "${project.artifactId}")
  protected String repository;

  /**
   * The problem when {@code <repository>} is not a valid ECR name, or when {@code ecr.repository}
   * is set but empty (e.g. {@code -Decr.repository=$UNSET_VARIABLE}): Maven would silently use the
   * default, the artifactId.
   */
  protected Optional<String> repositoryProblem() {
    String property =
        session
            .getUserProperties()
            .getProperty("ecr.repository", project.getProperties().getProperty("ecr.repository"));
    return RepositoryName.problem(property != null && property.isBlank() ? property : repository);
  }
}
