package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;

/**
 * Gets registry credentials with {@code GetAuthorizationToken} and keeps them for one build: one
 * token per registry, shared by all modules of a reactor (also under {@code -T}), renewed only when
 * near expiry or rejected. One instance per build (the Maven layer keeps it in the build's
 * session), so no token outlives its build in a JVM that runs several builds (Maven daemon,
 * embedded invokers).
 */
public final class RegistryLogin {
  private static final Duration RENEW_BEFORE = Duration.ofMinutes(15);
  private final Map<String, RegistryCredentials> tokens = new ConcurrentHashMap<>();

  /**
   * The cached token of {@code connection}'s registry, or a new one when there is none or it
   * expires soon. Concurrent callers for the same registry wait for one {@code
   * GetAuthorizationToken} call.
   */
  public RegistryCredentials credentials(EcrClient ecr, EcrConnection connection, Log log)
      throws EcrDeployException {
    String key = connection.loginKey();
    RegistryCredentials cached = tokens.get(key);
    if (cached != null && cached.expiresAt().isAfter(Instant.now().plus(RENEW_BEFORE))) {
      return cached;
    }
    synchronized (tokens) {
      cached = tokens.get(key);
      if (cached != null && cached.expiresAt().isAfter(Instant.now().plus(RENEW_BEFORE))) {
        return cached;
      }
      RegistryCredentials fresh = fetch(ecr, connection.registryId(), log);
      tokens.put(key, fresh);
      return fresh;
    }
  }

  /** Forgets the token of {@code connection}, after the registry rejected it. */
  public void invalidate(EcrConnection connection) {
    tokens.remove(connection.loginKey());
  }

  /**
   * One {@code GetAuthorizationToken}; with a {@code registryId} it names that registry ({@code
   * registryIds}), so that {@code proxyEndpoint} is that account's registry, not the caller's
   * (ecr-api.md, field notes: "Registry host of another account").
   */
  private static RegistryCredentials fetch(EcrClient ecr, String registryId, Log log)
      throws EcrDeployException {
    GetAuthorizationTokenRequest request =
        registryId == null
            ? GetAuthorizationTokenRequest.builder().build()
            : GetAuthorizationTokenRequest.builder().registryIds(registryId).build();
    AuthorizationData data =
        EcrCalls.call("GetAuthorizationToken", () -> ecr.getAuthorizationToken(request))
            .authorizationData()
            .stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new EcrDeployException("GetAuthorizationToken returned no authorization data"));
    String decoded =
        new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new EcrDeployException(
          "GetAuthorizationToken returned a token that is not user:password");
    }
    URI endpoint = URI.create(data.proxyEndpoint());
    String host =
        endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    Matcher ecrHost = EcrBaseImageLogin.ECR_HOST.matcher(endpoint.getHost());
    if (registryId != null && ecrHost.matches() && !ecrHost.group(1).equals(registryId)) {
      throw new EcrDeployException(
          "GetAuthorizationToken for <registryId> (ecr.registryId) "
              + registryId
              + " answered the registry "
              + host
              + " of another account: check <registryId> and <endpoint>");
    }
    log.debug("Got an ECR login for " + host + ", valid until " + data.expiresAt());
    return new RegistryCredentials(
        host,
        !"http".equalsIgnoreCase(endpoint.getScheme()),
        decoded.substring(0, colon),
        decoded.substring(colon + 1),
        data.expiresAt() == null ? Instant.now().plus(Duration.ofHours(12)) : data.expiresAt());
  }
}
