package io.github.ecrdeploy.ecr;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Checks that a registry's host resolves, accepts connections and (unless insecure registries are
 * allowed) presents a certificate this JVM trusts for that host, before Jib starts: Jib retries
 * every failed request on its own for about a minute, so without this an unreachable or untrusted
 * registry would hold each push attempt that long. Skipped when an HTTP proxy is configured ({@code
 * https.proxyHost}, {@code http.proxyHost}), since then only the proxy reaches the registry.
 */
final class RegistryReachability {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private RegistryReachability() {}

  /**
   * @param verifyTls also do a TLS handshake that verifies the certificate and host name, as Jib's
   *     secure transport does (the JVM's default TLS context: {@code javax.net.ssl.trustStore},
   *     client keys)
   * @throws java.net.UnknownHostException when the host name does not resolve
   * @throws javax.net.ssl.SSLException when the certificate is not trusted for the host
   * @throws IOException when the host does not accept a connection (refused, timed out)
   */
  static void check(RegistryCredentials target, boolean verifyTls) throws IOException {
    if (proxied()) {
      return;
    }
    URI uri = URI.create((target.secure() ? "https://" : "http://") + target.host());
    int port = uri.getPort() >= 0 ? uri.getPort() : target.secure() ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MILLIS);
      if (target.secure() && verifyTls) {
        socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
        handshake(socket, uri.getHost(), port);
      }
    }
  }

  private static void handshake(Socket socket, String host, int port) throws IOException {
    SSLContext context;
    try {
      context = SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no default TLS context in this JVM", e);
    }
    try (SSLSocket tls =
        (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, false)) {
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
    }
  }

  private static boolean proxied() {
    return isSet(System.getProperty("https.proxyHost"))
        || isSet(System.getProperty("http.proxyHost"));
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
