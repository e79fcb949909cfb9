package io.github.ecrdeploy.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.ecr.HttpProxy;
import io.github.ecrdeploy.ecr.ProxySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * settings.xml {@code <proxies>} to the proxies of the registry and ECR API traffic, with Maven's
 * real decrypter.
 */
class SettingsProxiesTest {
  private static final String PASSWORD = "sentinel-proxy-password";

  @TempDir Path dir;
  private SettingsDecrypter decrypter;
  private String encryptedPassword;
  private final List<String> logged = new ArrayList<>();

  @BeforeEach
  void masterPassword() throws Exception {
    DefaultPlexusCipher cipher = new DefaultPlexusCipher();
    String master = "master-of-the-test";
    Path security =
        Files.writeString(
            dir.resolve("settings-security.xml"),
            "<settingsSecurity><master>"
                + cipher.encryptAndDecorate(
                    master, DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION)
                + "</master></settingsSecurity>");
    decrypter =
        new DefaultSettingsDecrypter(
            new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
    encryptedPassword = cipher.encryptAndDecorate(PASSWORD, master);
  }

  private static Proxy proxy(String id, String protocol, boolean active, String host, int port) {
    Proxy proxy = new Proxy();
    proxy.setId(id);
    proxy.setProtocol(protocol);
    proxy.setActive(active);
    proxy.setHost(host);
    proxy.setPort(port);
    return proxy;
  }

  private ProxySettings resolve(Set<String> userSetProtocols, Proxy... proxies)
      throws MojoExecutionException {
    Settings settings = new Settings();
    for (Proxy proxy : proxies) {
      settings.addProxy(proxy);
    }
    return new SettingsProxies(settings, decrypter, userSetProtocols::contains)
        .resolve(
            new SystemStreamLog() {
              @Override
              public void info(CharSequence content) {
                logged.add(content.toString());
              }
            });
  }

  @Test
  void noProxiesMeansNone() throws Exception {
    assertTrue(resolve(Set.of()).isEmpty());
    assertTrue(
        new SettingsProxies(null, decrypter, p -> false).resolve(new SystemStreamLog()).isEmpty());
  }

  @Test
  void theFirstActiveProxyOfEachProtocolIsTaken() throws Exception {
    ProxySettings proxies =
        resolve(
            Set.of(),
            proxy("off", "https", false, "off.example", 1),
            proxy("plain", "http", true, "plain.example", 8080),
            proxy("secure", "https", true, "secure.example", 3128),
            proxy("second", "https", true, "second.example", 3129));
    assertEquals("plain", proxies.http().id());
    assertEquals("plain.example", proxies.http().host());
    assertEquals(8080, proxies.http().port());
    assertEquals("secure", proxies.https().id());
    assertEquals(3128, proxies.https().port());
  }

  @Test
  void onlyAnInactiveProxyMeansNone() throws Exception {
    assertTrue(resolve(Set.of(), proxy("off", "https", false, "off.example", 3128)).isEmpty());
  }

  @Test
  void theProtocolIsMatchedCaseInsensitivelyAndAProxyServesOnlyItsOwn() throws Exception {
    ProxySettings proxies =
        resolve(Set.of(), proxy("upper", "HTTPS", true, "secure.example", 3128));
    assertNull(proxies.http());
    assertEquals("upper", proxies.https().id());
  }

  @Test
  void theEncryptedPasswordIsDecryptedAndNeverLogged() throws Exception {
    Proxy proxy = proxy("corp", "https", true, "secure.example", 3128);
    proxy.setUsername("alice");
    proxy.setPassword(encryptedPassword);
    proxy.setNonProxyHosts("*.corp.example|localhost");
    HttpProxy https = resolve(Set.of(), proxy).https();
    assertEquals("alice", https.username());
    assertEquals(PASSWORD, https.password());
    assertEquals("*.corp.example|localhost", https.nonProxyHostsProperty());
    assertTrue(https.nonProxyHostRegexes().stream().anyMatch("git.corp.example"::matches));
    assertEquals(
        List.of(
            "Using proxy corp http://secure.example:3128 as alice, not for *.corp.example|localhost"
                + " for https (registry and ECR API)"),
        logged);
    assertFalse(String.join("\n", logged).contains(PASSWORD));
  }

  @Test
  void aPasswordWithoutUserIsIgnored() throws Exception {
    Proxy proxy = proxy("corp", "https", true, "secure.example", 3128);
    proxy.setPassword(encryptedPassword);
    HttpProxy https = resolve(Set.of(), proxy).https();
    assertFalse(https.hasCredentials());
    assertNull(https.password());
  }

  @Test
  void aProxyHostSetOnTheCommandLineWinsForItsProtocol() throws Exception {
    ProxySettings proxies =
        resolve(
            Set.of("https"),
            proxy("plain", "http", true, "plain.example", 8080),
            proxy("secure", "https", true, "secure.example", 3128));
    assertNull(proxies.https());
    assertEquals("plain", proxies.http().id());
    assertTrue(
        logged.stream().anyMatch(l -> l.contains("https.proxyHost is set")), logged.toString());
  }

  @Test
  void anIncompleteProxyFailsNamingIt() {
    MojoExecutionException noHost =
        assertThrows(
            MojoExecutionException.class,
            () -> resolve(Set.of(), proxy("corp", "https", true, " ", 3128)));
    assertEquals(
        "settings.xml <proxy> corp (https) has no <host>: set it or make the proxy"
            + " <active>false</active>",
        noHost.getMessage());
    MojoExecutionException badPort =
        assertThrows(
            MojoExecutionException.class,
            () -> resolve(Set.of(), proxy("corp", "https", true, "p.example", 70000)));
    assertEquals(
        "settings.xml <proxy> corp (https): <port> must be between 1 and 65535, not 70000",
        badPort.getMessage());
  }

  @Test
  void aPasswordThatCannotBeDecryptedFailsWithoutShowingIt() {
    Proxy proxy = proxy("corp", "https", true, "secure.example", 3128);
    proxy.setUsername("alice");
    String garbled = "{" + "A".repeat(40) + "=}";
    proxy.setPassword(garbled);
    MojoExecutionException e =
        assertThrows(MojoExecutionException.class, () -> resolve(Set.of(), proxy));
    assertTrue(
        e.getMessage().startsWith("Cannot decrypt the password of settings.xml <proxy> corp: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("settings-security.xml"), e.getMessage());
  }
}
