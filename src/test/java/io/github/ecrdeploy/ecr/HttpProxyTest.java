package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.RecordingLog;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy rules: {@code <nonProxyHosts>} patterns, which proxy a URL takes, and the JVM properties for Jib. */
class HttpProxyTest {
  private static HttpProxy proxy(String nonProxyHosts) {
    return new HttpProxy("corp", "proxy.corp.example", 3128, "alice", "sentinel-secret", nonProxyHosts);
  }

  @Test
  void withoutNonProxyHostsEveryHostGoesThroughTheProxyLoopbackIncluded() {
    for (String nonProxyHosts : new String[] {null, "", " | "}) {
      HttpProxy p = proxy(nonProxyHosts);
      assertFalse(p.bypasses("123456789012.dkr.ecr.eu-west-1.amazonaws.com"));
      assertFalse(p.bypasses("localhost"));
      assertFalse(p.bypasses("127.0.0.1"));
      assertEquals("", p.nonProxyHostsProperty());
    }
  }

  @Test
  void wildcardsAtEitherEndMatchCaseInsensitively() {
    HttpProxy p = proxy("*.corp.example|registry.internal*|Exact.Host");
    assertTrue(p.bypasses("git.corp.example"));
    assertTrue(p.bypasses("GIT.Corp.Example"));
    assertFalse(p.bypasses("corp.example.evil.com"));
    assertTrue(p.bypasses("registry.internal:5000".split(":")[0]));
    assertTrue(p.bypasses("registry.internal2"));
    assertTrue(p.bypasses("exact.host"));
    assertFalse(p.bypasses("exact.hostname"));
    assertFalse(p.bypasses("api.ecr.eu-west-1.amazonaws.com"));
  }

  @Test
  void dotsAreLiteralAndCommasSeparateLikeBars() {
    HttpProxy p = proxy("10.0.0.1, *.amazonaws.com");
    assertTrue(p.bypasses("10.0.0.1"));
    assertFalse(p.bypasses("10a0b0c1"));
    assertTrue(p.bypasses("api.ecr.us-east-1.amazonaws.com"));
    assertEquals("10.0.0.1|*.amazonaws.com", p.nonProxyHostsProperty());
  }

  @Test
  void anyPatternAlsoExemptsLoopbackAsTheJdkDoes() {
    HttpProxy p = proxy("*.corp.example");
    assertTrue(p.bypasses("localhost"));
    assertTrue(p.bypasses("127.0.0.1"));
    assertTrue(p.bypasses("[::1]"));
    assertFalse(p.bypasses("api.ecr.us-east-1.amazonaws.com"));
  }

  @Test
  void aUrlTakesTheProxyOfItsSchemeUnlessItsHostIsExempt() {
    HttpProxy https = proxy("*.corp.example");
    ProxySettings proxies = new ProxySettings(null, https);
    assertEquals(https, proxies.forUri(URI.create("https://api.ecr.us-east-1.amazonaws.com")).orElseThrow());
    assertTrue(proxies.forUri(URI.create("https://registry.corp.example/v2/")).isEmpty());
    assertTrue(proxies.forUri(URI.create("http://api.ecr.us-east-1.amazonaws.com")).isEmpty());
    assertTrue(ProxySettings.NONE.forUri(URI.create("https://x.example")).isEmpty());
  }

  @Test
  void stringFormsNeverShowThePassword() {
    HttpProxy p = proxy("*.corp.example");
    assertEquals("proxy corp http://proxy.corp.example:3128 as alice, not for *.corp.example", p.toString());
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
    assertEquals("", JvmProxyProperties.properties(new ProxySettings(null, proxy(null))).get("http.nonProxyHosts"));
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
      assertEquals("proxy.corp.example", System.getProperty("https.proxyHost"), "still used by the second goal");
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
