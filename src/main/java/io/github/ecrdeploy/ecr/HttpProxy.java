package io.github.ecrdeploy.ecr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An HTTP proxy (from a {@code settings.xml} {@code <proxy>}), with the hosts reached without it.
 *
 * <p>{@code nonProxyHosts} follows the JDK's {@code http.nonProxyHosts}, which Jib's registry
 * client applies: host patterns separated by {@code |} (or {@code ,}), case-insensitive, with
 * {@code *} as a wildcard at the start or end of a pattern; when any pattern is given, the JDK also
 * never proxies {@code localhost}, {@code 127.*}, {@code [::1]}, {@code 0.0.0.0} and {@code [::0]};
 * when none is given, every host goes through the proxy. The ECR API client applies the same rules,
 * so both kinds of traffic take the same route.
 *
 * @param id the {@code <proxy><id>}, for messages
 * @param host the proxy host
 * @param port the proxy port
 * @param username user for proxy basic authentication, or null
 * @param password password for proxy basic authentication, or null; never shown by {@link
 *     #toString()}
 * @param nonProxyHosts the patterns of hosts reached directly, or null
 */
public record HttpProxy(
    String id, String host, int port, String username, String password, String nonProxyHosts) {
  /** What the JDK adds to a non-empty {@code http.nonProxyHosts}. */
  static final List<String> JDK_LOOPBACK_PATTERNS =
      List.of("localhost", "127.*", "[::1]", "0.0.0.0", "[::0]");

  /**
   * The patterns as given, trimmed, in the JDK's {@code |}-separated form; empty when there are
   * none.
   */
  public String nonProxyHostsProperty() {
    return String.join("|", patterns());
  }

  /**
   * The patterns as regular expressions, JDK defaults included, for the AWS SDK's client: it
   * reaches a host directly when its lower-cased name matches one.
   */
  public List<String> nonProxyHostRegexes() {
    List<String> patterns = patterns();
    List<String> regexes = new ArrayList<>();
    if (!patterns.isEmpty()) {
      patterns.forEach(p -> regexes.add(regex(p)));
      JDK_LOOPBACK_PATTERNS.forEach(p -> regexes.add(regex(p)));
    }
    return regexes;
  }

  /** Whether the proxy asks for basic authentication. */
  public boolean hasCredentials() {
    return username != null && !username.isEmpty();
  }

  /** {@code http://host:port}, for messages and client configuration (no credentials). */
  public String address() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "proxy "
        + id
        + " "
        + address()
        + (hasCredentials() ? " as " + username : "")
        + (patterns().isEmpty() ? "" : ", not for " + nonProxyHostsProperty());
  }

  private List<String> patterns() {
    if (nonProxyHosts == null) {
      return List.of();
    }
    return Arrays.stream(nonProxyHosts.split("[|,]"))
        .map(String::trim)
        .filter(p -> !p.isEmpty())
        .toList();
  }

  private static String regex(String pattern) {
    String p = pattern.toLowerCase(Locale.ROOT);
    boolean leading = p.startsWith("*");
    boolean trailing = p.length() > 1 && p.endsWith("*");
    String middle = p.substring(leading ? 1 : 0, trailing ? p.length() - 1 : p.length());
    return (leading ? ".*" : "")
        + (middle.isEmpty() ? "" : Pattern.quote(middle))
        + (trailing ? ".*" : "");
  }
}
