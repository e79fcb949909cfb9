package io.github.ecrdeploy.ecr;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * How the push may reach a registry: verified HTTPS unless {@code <allowInsecureRegistries>} is on,
 * and the registry token never over plain HTTP to a host other than loopback. (Jib itself never
 * sends credentials over plain HTTP unless {@code -DsendCredentialsOverHttp=true}; this refuses
 * that switch for any registry that is not on this machine.)
 */
final class TransportPolicy {
  /** Jib's system property that lets it send credentials over plain HTTP. */
  static final String SEND_CREDENTIALS_OVER_HTTP = "sendCredentialsOverHttp";

  private TransportPolicy() {}

  /** Fails, before any connection, when the push to {@code target} would break these rules. */
  static void check(RegistryCredentials target, boolean allowInsecureRegistries)
      throws EcrDeployException {
    if (!target.secure() && !allowInsecureRegistries) {
      throw new EcrDeployException(
          "The registry "
              + target.host()
              + " is plain HTTP: set <allowInsecureRegistries>true (ecr.allowInsecureRegistries)"
              + " only if you trust it");
    }
    if (allowInsecureRegistries
        && Boolean.getBoolean(SEND_CREDENTIALS_OVER_HTTP)
        && !isLoopback(target.host())) {
      throw new EcrDeployException(
          "-D"
              + SEND_CREDENTIALS_OVER_HTTP
              + "=true with <allowInsecureRegistries> could send the registry token over plain HTTP"
              + " to "
              + target.host()
              + ", which is not this machine: remove -D"
              + SEND_CREDENTIALS_OVER_HTTP
              + " (it is only allowed for loopback registries)");
    }
  }

  private static boolean isLoopback(String host) {
    String name = URI.create("https://" + host).getHost();
    try {
      for (InetAddress address : InetAddress.getAllByName(name)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
