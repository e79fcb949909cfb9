package io.github.ecrdeploy.ecr;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Checks with a plain TCP connect that a registry's host resolves and accepts connections, before Jib starts: Jib
 * retries every failed request on its own for about a minute, so without this an unreachable registry would hold
 * each push attempt that long. Skipped when an HTTP proxy is configured ({@code https.proxyHost}, {@code
 * http.proxyHost}), since then only the proxy reaches the registry.
 */
final class RegistryReachability {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private RegistryReachability() {}

  /**
   * @throws java.net.UnknownHostException when the host name does not resolve
   * @throws IOException when the host does not accept a connection (refused, timed out)
   */
  static void check(RegistryCredentials target) throws IOException {
    if (proxied()) {
      return;
    }
    URI uri = URI.create((target.secure() ? "https://" : "http://") + target.host());
    int port = uri.getPort() >= 0 ? uri.getPort() : target.secure() ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MILLIS);
    }
  }

  private static boolean proxied() {
    return isSet(System.getProperty("https.proxyHost")) || isSet(System.getProperty("http.proxyHost"));
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
