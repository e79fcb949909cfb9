package io.github.ecrdeploy.health;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Username and password for HTTP basic auth, taken from a settings.xml {@code <server>}; never
 * printed.
 */
public record BasicCredentials(String username, String password) {
  public BasicCredentials {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  /** The {@code Authorization} header value. */
  String authorizationHeader() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "BasicCredentials[username=" + username + ", password=***]";
  }
}
