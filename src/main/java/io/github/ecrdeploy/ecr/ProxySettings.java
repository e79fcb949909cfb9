package io.github.ecrdeploy.ecr;

import java.util.Optional;

/**
 * The proxies for plain HTTP and for HTTPS traffic (either may be absent), for the registry and the
 * ECR API.
 *
 * @param http the proxy for {@code http://} URLs, or null
 * @param https the proxy for {@code https://} URLs, or null
 */
public record ProxySettings(HttpProxy http, HttpProxy https) {
  /** No proxy: every host is reached directly (or as the JVM's own proxy properties say). */
  public static final ProxySettings NONE = new ProxySettings(null, null);

  public boolean isEmpty() {
    return http == null && https == null;
  }

  /** The proxy for URLs with this scheme ({@code http} or {@code https}), if any. */
  public Optional<HttpProxy> forScheme(String scheme) {
    return Optional.ofNullable(
        "http".equalsIgnoreCase(scheme) ? http : "https".equalsIgnoreCase(scheme) ? https : null);
  }
}
