package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Routes Jib's registry traffic (base image pulls, pushes) through the proxies. Jib's HTTP client
 * takes its proxy from the JDK's system properties ({@code https.proxyHost}, {@code
 * https.proxyPort}, {@code https.proxyUser}, {@code https.proxyPassword}, the same for {@code
 * http}, and {@code http.nonProxyHosts}), as jib-maven-plugin sets them from {@code settings.xml}.
 *
 * <p>System properties belong to the whole JVM, and goals of several modules run at once under
 * {@code -T}: they all read the same {@code settings.xml}, so they need the same values. The first
 * {@link #open} sets them, later ones share them, and the last {@link Scope#close()} restores what
 * was there before. A protocol whose {@code proxyHost} the user set (e.g. {@code -Dhttps.proxyHost}
 * in {@code MAVEN_OPTS}) is left alone: see {@link #userSet}.
 */
public final class JvmProxyProperties {
  private static final Object LOCK = new Object();
  private static int openScopes;
  private static Map<String, String> previous;
  private static Map<String, String> applied = Map.of();

  private JvmProxyProperties() {}

  /** Undoes {@link #open} when the last open scope closes. */
  public interface Scope extends AutoCloseable {
    /** A scope that changed nothing. */
    Scope NONE = () -> {};

    @Override
    void close();
  }

  /**
   * Whether the user set {@code <protocol>.proxyHost} (not this class): then that proxy is used as
   * the JDK applies it, and {@code settings.xml}'s proxy for the protocol is not.
   */
  public static boolean userSet(String protocol) {
    String key = protocol + ".proxyHost";
    synchronized (LOCK) {
      String value = System.getProperty(key);
      return value != null && !value.equals(applied.get(key));
    }
  }

  /** Sets the proxy properties for {@code proxies} until the returned scope closes. */
  public static Scope open(ProxySettings proxies, Log log) {
    if (proxies.isEmpty()) {
      return Scope.NONE;
    }
    synchronized (LOCK) {
      if (openScopes == 0) {
        applied = properties(proxies);
        previous = new HashMap<>();
        applied.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        log.debug("Registry traffic: JVM proxy properties " + String.join(", ", applied.keySet()));
      }
      openScopes++;
    }
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        synchronized (LOCK) {
          if (--openScopes == 0) {
            previous.forEach(
                (key, value) -> {
                  if (value == null) {
                    System.clearProperty(key);
                  } else {
                    System.setProperty(key, value);
                  }
                });
            previous = null;
            applied = Map.of();
          }
        }
      }
    };
  }

  /**
   * The properties for {@code proxies}. The JDK has one {@code http.nonProxyHosts} for both
   * protocols: it comes from the HTTPS proxy (registries speak HTTPS), else the HTTP one; empty
   * when there are no exceptions, because an absent property would make the JDK skip the proxy for
   * loopback addresses.
   */
  static Map<String, String> properties(ProxySettings proxies) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String protocol : new String[] {"http", "https"}) {
      proxies
          .forScheme(protocol)
          .ifPresent(
              proxy -> {
                properties.put(protocol + ".proxyHost", proxy.host());
                properties.put(protocol + ".proxyPort", Integer.toString(proxy.port()));
                if (proxy.hasCredentials()) {
                  properties.put(protocol + ".proxyUser", proxy.username());
                  properties.put(
                      protocol + ".proxyPassword",
                      proxy.password() == null ? "" : proxy.password());
                }
              });
    }
    HttpProxy exceptions = proxies.https() != null ? proxies.https() : proxies.http();
    properties.put("http.nonProxyHosts", exceptions.nonProxyHostsProperty());
    return properties;
  }
}
