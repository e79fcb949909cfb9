package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.RecordingLog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The proxy rules: {@code <nonProxyHosts>} patterns, which proxy a URL takes, and the JVM
 * properties for Jib.
 */
class HttpProxyTest {
  private static HttpProxy proxy(String nonProxyHosts) {
    return new HttpProxy(
        "corp", "proxy.corp.example", 3128, "alice", "sentinel-secret", nonProxyHosts);
  }

  /**
   * Whether the AWS SDK's client reaches {@code host} directly, as it applies the regular
   * expressions.
   */
  private static boolean bypasses(HttpProxy proxy, String host) {
    return proxy.nonProxyHostRegexes().stream().anyMatch(host.toLowerCase(Locale.ROOT)::matches);
  }

  @Test
  void withoutNonProxyHostsEveryHostGoesThroughTheProxyLoopbackIncluded() {
    for (String nonProxyHosts : new String[] {null, "", " | "}) {
      HttpProxy p = proxy(nonProxyHosts);
      assertFalse(bypasses(p, "123456789012.dkr.ecr.eu-west-1.amazonaws.com"));
      assertFalse(bypasses(p, "localhost"));
      assertFalse(bypasses(p, "127.0.0.1"));
      assertEquals("", p.nonProxyHostsProperty());
    }
  }

  @Test
  void wildcardsAtEitherEndMatchCaseInsensitively() {
    HttpProxy p = proxy("*.corp.example|registry.internal*|Exact.Host");
    assertTrue(bypasses(p, "git.corp.example"));
    assertTrue(bypasses(p, "GIT.Corp.Example"));
    assertFalse(bypasses(p, "corp.example.evil.com"));
    assertTrue(bypasses(p, "registry.internal"));
    assertTrue(bypasses(p, "registry.internal2"));
    assertTrue(bypasses(p, "exact.host"));
    assertFalse(bypasses(p, "exact.hostname"));
    assertFalse(bypasses(p, "api.ecr.eu-west-1.amazonaws.com"));
  }

  @Test
  void dotsAreLiteralAndCommasSeparateLikeBars() {
    HttpProxy p = proxy("10.0.0.1, *.amazonaws.com");
    assertTrue(bypasses(p, "10.0.0.1"));
    assertFalse(bypasses(p, "10a0b0c1"));
    assertTrue(bypasses(p, "api.ecr.us-east-1.amazonaws.com"));
    assertEquals("10.0.0.1|*.amazonaws.com", p.nonProxyHostsProperty());
  }

  @Test
  void anyPatternAlsoExemptsLoopbackAsTheJdkDoes() {
    HttpProxy p = proxy("*.corp.example");
    assertTrue(bypasses(p, "localhost"));
    assertTrue(bypasses(p, "127.0.0.1"));
    assertTrue(bypasses(p, "[::1]"));
    assertFalse(bypasses(p, "api.ecr.us-east-1.amazonaws.com"));
  }

  @Test
  void eachSchemeHasItsOwnProxy() {
    HttpProxy https = proxy("*.corp.example");
    ProxySettings proxies = new ProxySettings(null, https);
    assertEquals(https, proxies.forScheme("https").orElseThrow());
    assertEquals(https, proxies.forScheme("HTTPS").orElseThrow());
    assertTrue(proxies.forScheme("http").isEmpty());
    assertTrue(ProxySettings.NONE.forScheme("https").isEmpty());
    assertTrue(ProxySettings.NONE.isEmpty());
  }

  @Test
  void stringFormsNeverShowThePassword() {
    HttpProxy p = proxy("*.corp.example");
    assertEquals(
        "proxy corp http://proxy.corp.example:3128 as alice, not for *.corp.example", p.toString());
    assertFalse(new ProxySettings(p, p).toString().contains("sentinel-secret"));
  }

  @Test
  void jvmPropertiesCarryBothProtocolsAndTheHttpsExceptions() {
    HttpProxy http = new HttpProxy("plain", "plain.proxy", 8080, null, null, "*.plain");
    HttpProxy https = proxy("*.corp.example|localhost");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("http.proxyHost", "plain.proxy");
    expected.put("http.proxyPort", "8080");
    expected.put("https.proxyHost", "proxy.corp.example");
    expected.put("https.proxyPort", "3128");
    expected.put("https.proxyUser", "alice");
    expected.put("https.proxyPassword", "sentinel-secret");
    expected.put("http.nonProxyHosts", "*.corp.example|localhost");
    assertEquals(expected, JvmProxyProperties.properties(new ProxySettings(http, https)));
    assertEquals(
        "",
        JvmProxyProperties.properties(new ProxySettings(null, proxy(null)))
            .get("http.nonProxyHosts"));
  }

  @Test
  void theLastOpenScopeRestoresThePropertiesAndUserValuesAreRecognised() {
    System.setProperty("http.nonProxyHosts", "user.value");
    try {
      ProxySettings proxies = new ProxySettings(null, proxy(null));
      RecordingLog log = new RecordingLog();
      JvmProxyProperties.Scope first = JvmProxyProperties.open(proxies, log);
      JvmProxyProperties.Scope second = JvmProxyProperties.open(proxies, log);
      assertEquals("proxy.corp.example", System.getProperty("https.proxyHost"));
      assertEquals("", System.getProperty("http.nonProxyHosts"));
      assertFalse(JvmProxyProperties.userSet("https"), "a value this class set is not the user's");
      first.close();
      first.close();
      assertEquals(
          "proxy.corp.example",
          System.getProperty("https.proxyHost"),
          "still used by the second goal");
      second.close();
      assertNull(System.getProperty("https.proxyHost"));
      assertNull(System.getProperty("https.proxyPassword"));
      assertEquals("user.value", System.getProperty("http.nonProxyHosts"));
      assertFalse(log.text().contains("sentinel-secret"), log.text());

      System.setProperty("https.proxyHost", "from.command.line");
      assertTrue(JvmProxyProperties.userSet("https"));
    } finally {
      System.clearProperty("http.nonProxyHosts");
      System.clearProperty("https.proxyHost");
    }
  }
}
