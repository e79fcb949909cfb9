package io.github.ecrdeploy.ecr;

import com.google.cloud.tools.jib.api.Credential;
import io.github.ecrdeploy.Log;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Credentials for base images that live in ECR (this account or another): the same {@code
 * GetAuthorizationToken} login as the push, for hosts named {@code
 * <account>.dkr.ecr.<region>.amazonaws.com} or, with {@code <baseImageFromEcr>}, for any host (VPC
 * endpoint aliases, tests).
 */
public final class EcrBaseImageLogin {
  /** An ECR registry host; group 1 is the account id, group 2 the region. */
  static final Pattern ECR_HOST =
      Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

  private EcrBaseImageLogin() {}

  /**
   * ECR credentials for {@code host} from the build's {@code logins}, or empty when it is not an
   * ECR registry.
   */
  public static Optional<Credential> forHost(
      String host, EcrConnection connection, boolean forceEcr, RegistryLogin logins, Log log)
      throws EcrDeployException {
    Matcher m = ECR_HOST.matcher(host);
    EcrConnection effective;
    if (m.matches()) {
      effective =
          new EcrConnection(
              m.group(2),
              connection.profile(),
              m.group(1),
              connection.endpoint(),
              connection.retries(),
              connection.proxies());
    } else if (forceEcr) {
      effective = connection;
    } else {
      return Optional.empty();
    }
    try (EcrClient ecr = EcrClients.create(effective, log)) {
      RegistryCredentials login = logins.credentials(ecr, effective, log);
      log.info("Using an ECR login for the base image registry " + host);
      return Optional.of(Credential.from(login.username(), login.password()));
    }
  }
}
