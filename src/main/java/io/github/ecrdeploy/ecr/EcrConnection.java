package io.github.ecrdeploy.ecr;

import java.net.URI;

/**
 * Where and as whom to reach ECR.
 *
 * @param region AWS region, or null for the SDK's default region chain
 * @param profile AWS profile, or null for the default credentials chain
 * @param registryId 12-digit account id of the registry, or null for the caller's account
 * @param endpoint ECR API endpoint override (VPC/FIPS endpoints, tests), or null
 * @param retries how often a failed call is retried
 * @param proxies the proxies for the ECR API (and the registry), {@link ProxySettings#NONE} for
 *     none
 */
public record EcrConnection(
    String region,
    String profile,
    String registryId,
    URI endpoint,
    int retries,
    ProxySettings proxies) {

  public EcrConnection {
    proxies = proxies == null ? ProxySettings.NONE : proxies;
  }

  /** A connection without proxies. */
  public EcrConnection(
      String region, String profile, String registryId, URI endpoint, int retries) {
    this(region, profile, registryId, endpoint, retries, ProxySettings.NONE);
  }

  /**
   * A key that identifies the registry login this connection gets, for sharing tokens across
   * modules.
   */
  String loginKey() {
    return region + "|" + profile + "|" + registryId + "|" + endpoint;
  }
}
