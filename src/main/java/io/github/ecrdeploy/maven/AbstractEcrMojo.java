package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.ecr.EcrConnection;
import io.github.ecrdeploy.ecr.JvmProxyProperties;
import io.github.ecrdeploy.ecr.ProxySettings;
import io.github.ecrdeploy.ecr.RepositoryName;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Parameters every goal shares, and the skip logic: {@code ecr.skip}, the goal's own skip flag, pom
 * packaging.
 */
public abstract class AbstractEcrMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /**
   * The ECR repository (and image) name, e.g. {@code team/orders}; checked against ECR's naming
   * rules.
   */
  @Parameter(property = "ecr.repository", defaultValue = "${project.artifactId}")
  protected String repository;

  /** Skips every goal of this plugin. */
  @Parameter(property = "ecr.skip", defaultValue = "false")
  protected boolean skip;

  /**
   * Allows plain HTTP and unverified certificates for registries, with a warning. Only for
   * registries you trust; credentials are never sent over plain HTTP except to loopback.
   */
  @Parameter(property = "ecr.allowInsecureRegistries", defaultValue = "false")
  protected boolean allowInsecureRegistries;

  /** Where the goals write image.tar, image.json and their other reports. */
  @Parameter(
      property = "ecr.outputDirectory",
      defaultValue = "${project.build.directory}/ecr-deploy")
  protected File outputDirectory;

  /**
   * AWS region of the registry; default: the SDK chain ({@code aws.region}, {@code AWS_REGION}, the
   * profile's {@code region}). {@code AWS_DEFAULT_REGION} is not read by the SDK v2.
   */
  @Parameter(property = "ecr.region")
  protected String region;

  /** AWS profile for credentials; default: the SDK's default credentials chain. */
  @Parameter(property = "ecr.profile")
  protected String profile;

  /** 12-digit account id of the registry; default: the caller's account. */
  @Parameter(property = "ecr.registryId")
  protected String registryId;

  /** ECR API endpoint override, for VPC or FIPS endpoints and for tests. */
  @Parameter(property = "ecr.endpoint")
  protected String endpoint;

  /**
   * How often a failed registry or ECR call is retried: exponential backoff (0.5 s, 1 s, 2 s ... 16
   * s) on 5xx, 408, 429, broken connections and timeouts, each retry logged with its cause; a
   * 401/403 gets exactly one new token.
   */
  @Parameter(property = "ecr.retries", defaultValue = "5")
  protected int retries;

  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Component private SettingsDecrypter settingsDecrypter;

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
    if (allowInsecureRegistries) {
      getLog()
          .warn(
              "<allowInsecureRegistries> is on: registries may be reached over plain HTTP or"
                  + " unverified TLS");
    }
    long started = System.nanoTime();
    try (JvmProxyProperties.Scope registryProxy = registryProxy()) {
      run();
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
   * What the goal needs the network for, e.g. {@code "the ECR API"}; empty when it works without. A
   * goal that needs it fails at once under Maven's {@code --offline}, before any validation or
   * call.
   */
  protected abstract Optional<String> networkUse();

  /** The goal name, used in messages and skip properties. */
  protected abstract String goal();

  /** The goal's own skip flag ({@code ecr.<goal>.skip}). */
  protected abstract boolean goalSkipped();

  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  /**
   * Fails with the problem when {@code <repository>} is not a valid ECR name, or when {@code
   * ecr.repository} is set but empty (e.g. {@code -Decr.repository=$UNSET_VARIABLE}): Maven would
   * silently use the default, the artifactId.
   */
  protected void validateRepository() throws MojoExecutionException {
    String property =
        session
            .getUserProperties()
            .getProperty("ecr.repository", project.getProperties().getProperty("ecr.repository"));
    java.util.Optional<String> problem =
        RepositoryName.problem(property != null && property.isBlank() ? property : repository);
    if (problem.isPresent()) {
      throw new MojoExecutionException(problem.get());
    }
  }

  /** The ECR connection parameters, checked without touching the network. */
  protected EcrConnection connection() throws MojoExecutionException {
    if (retries < 0) {
      throw new MojoExecutionException("<retries> (ecr.retries) must be >= 0, not " + retries);
    }
    if (registryId != null && !registryId.isBlank() && !registryId.trim().matches("\\d{12}")) {
      throw new MojoExecutionException(
          "<registryId> (ecr.registryId) '" + registryId + "' must be a 12-digit AWS account id");
    }
    URI uri = null;
    if (endpoint != null && !endpoint.isBlank()) {
      try {
        uri = new URI(endpoint.trim());
      } catch (URISyntaxException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || !List.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
        throw new MojoExecutionException(
            "<endpoint> (ecr.endpoint) '"
                + endpoint
                + "' must be an http(s) URL such as https://api.ecr.eu-west-1.amazonaws.com");
      }
    }
    return new EcrConnection(
        blankToNull(region),
        blankToNull(profile),
        blankToNull(registryId),
        uri,
        retries,
        proxies());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
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
