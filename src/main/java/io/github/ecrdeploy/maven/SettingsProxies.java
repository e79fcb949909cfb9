package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.Text;
import io.github.ecrdeploy.ecr.HttpProxy;
import io.github.ecrdeploy.ecr.JvmProxyProperties;
import io.github.ecrdeploy.ecr.ProxySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The {@code settings.xml} proxies for the registry and the ECR API: per protocol ({@code http},
 * {@code https}) the first {@code <proxy>} with {@code <active>true}, its password decrypted. A
 * protocol whose {@code proxyHost} JVM property the user set keeps that proxy instead.
 */
final class SettingsProxies {
  private final Settings settings;
  private final SettingsDecrypter decrypter;
  private final Predicate<String> userSetProtocol;

  SettingsProxies(Settings settings, SettingsDecrypter decrypter) {
    this(settings, decrypter, JvmProxyProperties::userSet);
  }

  SettingsProxies(
      Settings settings, SettingsDecrypter decrypter, Predicate<String> userSetProtocol) {
    this.settings = settings;
    this.decrypter = decrypter;
    this.userSetProtocol = userSetProtocol;
  }

  /**
   * The proxies; fails naming the {@code <proxy>} when one is incomplete or cannot be decrypted.
   */
  ProxySettings resolve(org.apache.maven.plugin.logging.Log log) throws MojoExecutionException {
    return new ProxySettings(proxy("http", log), proxy("https", log));
  }

  private HttpProxy proxy(String protocol, org.apache.maven.plugin.logging.Log log)
      throws MojoExecutionException {
    Optional<Proxy> configured =
        settings == null
            ? Optional.empty()
            : settings.getProxies().stream()
                .filter(Proxy::isActive)
                .filter(
                    p ->
                        protocol.equalsIgnoreCase(
                            p.getProtocol() == null ? "http" : p.getProtocol().trim()))
                .findFirst();
    if (configured.isEmpty()) {
      return null;
    }
    String id = configured.get().getId();
    if (userSetProtocol.test(protocol)) {
      log.info(
          "Not using settings.xml <proxy> "
              + id
              + " for "
              + protocol
              + ": the JVM property "
              + protocol
              + ".proxyHost is set and wins");
      return null;
    }
    Proxy proxy = decrypted(configured.get());
    String where = "settings.xml <proxy> " + id + " (" + protocol + ")";
    if (proxy.getHost() == null || proxy.getHost().isBlank()) {
      throw new MojoExecutionException(
          where + " has no <host>: set it or make the proxy <active>false</active>");
    }
    if (proxy.getPort() < 1 || proxy.getPort() > 65535) {
      throw new MojoExecutionException(
          where + ": <port> must be between 1 and 65535, not " + proxy.getPort());
    }
    String username = Text.blankToNull(proxy.getUsername());
    HttpProxy result =
        new HttpProxy(
            id,
            proxy.getHost().trim(),
            proxy.getPort(),
            username,
            username == null ? null : proxy.getPassword(),
            proxy.getNonProxyHosts());
    log.info("Using " + result + " for " + protocol + " (registry and ECR API)");
    return result;
  }

  private Proxy decrypted(Proxy proxy) throws MojoExecutionException {
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest().setProxies(List.of(proxy)));
    List<String> errors = new ArrayList<>();
    for (SettingsProblem problem : result.getProblems()) {
      if (problem.getSeverity() == SettingsProblem.Severity.ERROR
          || problem.getSeverity() == SettingsProblem.Severity.FATAL) {
        errors.add(problem.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new MojoExecutionException(
          "Cannot decrypt the password of settings.xml <proxy> "
              + proxy.getId()
              + ": "
              + String.join("; ", errors)
              + ". Check ~/.m2/settings-security.xml (mvn --encrypt-master-password, mvn"
              + " --encrypt-password).");
    }
    return result.getProxy() == null ? proxy : result.getProxy();
  }
}
