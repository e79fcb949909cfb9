package io.github.ecrdeploy.health;

import com.fasterxml.jackson.core.JsonPointer;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated endpoint: what to request and what a healthy answer is.
 *
 * @param url absolute http(s) URL without user info
 * @param method HTTP method, upper case
 * @param expectStatus statuses that count as healthy
 * @param jsonPointer where {@code expectValue} must be found in a JSON body, or {@code null}
 * @param expectValue the text expected at {@code jsonPointer}, or {@code null}
 * @param bodyContains text the body must contain, or {@code null}
 * @param headers extra request headers
 * @param credentials basic auth credentials, or {@code null}
 */
public record EndpointCheck(
    URI url,
    String method,
    StatusExpectation expectStatus,
    JsonPointer jsonPointer,
    String expectValue,
    String bodyContains,
    Map<String, String> headers,
    BasicCredentials credentials) {

  public EndpointCheck {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * The same check against {@code http://127.0.0.1:<port>} with this URL's path and query (for
   * smoke runs).
   */
  public EndpointCheck atLocalPort(int port) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    URI local = URI.create("http://127.0.0.1:" + port + path + query);
    return new EndpointCheck(
        local, method, expectStatus, jsonPointer, expectValue, bodyContains, headers, credentials);
  }

  @Override
  public String toString() {
    return method + " " + url;
  }
}
