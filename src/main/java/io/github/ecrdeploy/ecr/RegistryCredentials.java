package io.github.ecrdeploy.ecr;

import java.time.Instant;

/**
 * A registry login from {@code GetAuthorizationToken}. {@link #toString()} never shows the
 * password.
 *
 * @param host registry host (and port) from {@code proxyEndpoint}
 * @param secure false when {@code proxyEndpoint} is plain http
 * @param username always {@code AWS} for ECR
 * @param password the decoded token
 * @param expiresAt when ECR stops accepting it
 */
public record RegistryCredentials(
    String host, boolean secure, String username, String password, Instant expiresAt) {
  @Override
  public String toString() {
    return "RegistryCredentials[host="
        + host
        + ", username="
        + username
        + ", password=****, expiresAt="
        + expiresAt
        + "]";
  }
}
