package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.Text;
import io.github.ecrdeploy.ecr.EcrConnection;
import io.github.ecrdeploy.ecr.RegionChoice;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** The ECR connection, for the goals that call ECR. */
public abstract class AbstractEcrApiMojo extends AbstractEcrMojo {
  /**
   * AWS region of the registry; {@code -Decr.region} overrides it, and without either the SDK chain
   * decides ({@code AWS_REGION}, the profile's {@code region}; docs/region.md).
   */
  @Parameter(property = "ecr.region")
  protected String region;

  /**
   * Region notes already logged, per build (the session's request): said once, not by every goal.
   */
  private static final Set<String> REGION_NOTES_LOGGED = ConcurrentHashMap.newKeySet();

  /** AWS profile for credentials; default: the SDK's default credentials chain. */
  @Parameter(property = "ecr.profile")
  protected String profile;

  /**
   * 12-digit account id of the registry, when it is another account's (a shared registry account):
   * the registry login, every ECR call and every upload go to that account's registry; default: the
   * caller's account.
   */
  @Parameter(property = "ecr.registryId")
  protected String registryId;

  /** ECR API endpoint override, for VPC or FIPS endpoints and for tests. */
  @Parameter(property = "ecr.endpoint")
  protected String endpoint;

  /**
   * How often a failed registry or ECR call is retried: exponential backoff (0.5 s, 1 s, 2 s ... 16
   * s) on 5xx, 408, 429, broken connections and timeouts, and on ECR's {@code ThrottlingException}
   * (backoff from 1 s, then a client-side rate limit), each retry logged with its cause; a 401/403
   * gets exactly one new token.
   */
  @Parameter(property = "ecr.retries", defaultValue = "5")
  protected int retries;

  /** The ECR connection parameters, checked (all problems at once) without touching the network. */
  protected EcrConnection connection() throws MojoExecutionException {
    List<String> problems = new ArrayList<>();
    if (retries < 0) {
      problems.add("<retries> (ecr.retries) must be >= 0, not " + retries);
    }
    if (registryId != null && !registryId.isBlank() && !registryId.trim().matches("\\d{12}")) {
      problems.add(
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
        problems.add(
            "<endpoint> (ecr.endpoint) '"
                + endpoint
                + "' must be an http(s) URL such as https://api.ecr.eu-west-1.amazonaws.com");
      }
    }
    if (!problems.isEmpty()) {
      throw new MojoExecutionException(String.join("\n", problems));
    }
    RegionChoice regionChoice =
        RegionChoice.of(
            session.getUserProperties().getProperty("ecr.region"),
            region,
            System.getenv("AWS_REGION"));
    regionChoice
        .note()
        .filter(
            note -> REGION_NOTES_LOGGED.add(System.identityHashCode(session.getRequest()) + note))
        .ifPresent(getLog()::info);
    return new EcrConnection(
        regionChoice.region(),
        Text.blankToNull(profile),
        Text.blankToNull(registryId),
        uri,
        retries,
        proxies());
  }
}
