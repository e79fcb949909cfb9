package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.Secrets;
import io.github.ecrdeploy.testbed.FaultProxy;
import io.github.ecrdeploy.testbed.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the push reaches a registry: verified HTTPS by default; a certificate the JVM does not trust,
 * or plain HTTP, only with {@code <allowInsecureRegistries>} and then with a warning; the registry
 * token never over plain HTTP to a registry that is not on this machine (and by default not at
 * all).
 */
class TransportSecurityTest {
  @TempDir static Path dir;
  static FaultBed bed;
  static FaultProxy untrusted;
  static FaultProxy plainHttp;

  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void start() throws Exception {
    bed = FaultBed.start(dir);
    SelfSignedCertificate other =
        SelfSignedCertificate.create(dir.resolve("other/ca.crt"), dir.resolve("other-key/key.pem"));
    untrusted = FaultProxy.tls(bed.registry, other.serverSslContext());
    plainHttp = FaultProxy.plainHttp(bed.registry);
  }

  @AfterAll
  static void stop() throws Exception {
    if (untrusted != null) {
      untrusted.close();
    }
    if (plainHttp != null) {
      plainHttp.close();
    }
    if (bed != null) {
      bed.close();
    }
  }

  @BeforeEach
  void clean() {
    bed.reset();
    untrusted.reset();
    plainHttp.reset();
  }

  @AfterEach
  void noSecretsLogged() {
    System.clearProperty(TransportPolicy.SEND_CREDENTIALS_OVER_HTTP);
    Secrets.assertAbsent("the build log", log.text());
  }

  private EcrDeployException fails(String repository, boolean allowInsecure) {
    EcrDeployException e =
        assertThrows(
            EcrDeployException.class, () -> bed.push(repository, 1, allowInsecure, log, "1.0"));
    Secrets.assertAbsent(e);
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertEquals(Map.of(), bed.inspector.tags(repository));
    return e;
  }

  /**
   * The proxy's exchanges less those of an earlier test's repository: when an earlier push fails,
   * Jib's other layer threads may still have a request in flight that is recorded after {@link
   * #clean()}. Requests without a repository in their path (such as {@code /v2/}) are kept.
   */
  private static List<FaultProxy.Exchange> thisTestsExchanges(FaultProxy proxy, String repository) {
    return proxy.exchanges().stream()
        .filter(
            x ->
                !x.path().startsWith("/v2/faults/")
                    || x.path().startsWith("/v2/" + repository + "/"))
        .toList();
  }

  @Test
  void untrustedCertificateIsRefusedByDefault() throws Exception {
    String repository = FaultBed.uniqueRepository("untrusted");
    bed.emulator.setProxyEndpoint(untrusted.endpoint());

    EcrDeployException e = fails(repository, false);

    assertTrue(e.getMessage().contains("TLS failure"), e.getMessage());
    assertTrue(e.getMessage().contains("not trusted by this JVM"), e.getMessage());
    assertTrue(e.getMessage().contains("<allowInsecureRegistries>"), e.getMessage());
    assertEquals(
        List.of(),
        thisTestsExchanges(untrusted, repository),
        "a request got past the TLS handshake");
  }

  @Test
  void untrustedCertificateIsAcceptedWithAllowInsecureRegistriesAndAWarning() throws Exception {
    String repository = FaultBed.uniqueRepository("untrusted-allowed");
    bed.emulator.setProxyEndpoint(untrusted.endpoint());

    PushResult result = bed.push(repository, 1, true, log, "1.0");

    assertEquals(Map.of("1.0", result.digest()), bed.inspector.tags(repository));
    assertEquals(List.of(), bed.inspector.incompleteTags(repository));
    assertTrue(
        log.warnings().stream()
            .anyMatch(w -> w.startsWith("Cannot verify server at https://" + untrusted.host())),
        log.text());
  }

  @Test
  void plainHttpRegistryIsRefusedBeforeAnyConnection() throws Exception {
    String repository = FaultBed.uniqueRepository("http");
    bed.emulator.setProxyEndpoint(plainHttp.endpoint());

    EcrDeployException e = fails(repository, false);

    assertTrue(
        e.getMessage().contains("is plain HTTP: set <allowInsecureRegistries>true"),
        e.getMessage());
    assertEquals(List.of(), thisTestsExchanges(plainHttp, repository));
  }

  @Test
  void credentialsAreNotSentOverPlainHttpEvenWithAllowInsecureRegistries() throws Exception {
    String repository = FaultBed.uniqueRepository("http-allowed");
    bed.emulator.setProxyEndpoint(plainHttp.endpoint());

    EcrDeployException e = fails(repository, true);

    assertTrue(
        e.getMessage().contains("credentials are never sent over plain HTTP"), e.getMessage());
    assertFalse(plainHttp.exchanges().isEmpty(), "the push never reached the plain-HTTP registry");
    assertTrue(
        plainHttp.exchanges().stream().noneMatch(FaultProxy.Exchange::authorization),
        "credentials went over plain HTTP: " + plainHttp.exchanges());
    assertTrue(
        log.warnings().stream().anyMatch(w -> w.contains("Attempting again with HTTP")),
        log.text());
  }

  @Test
  void sendingCredentialsOverPlainHttpIsRefusedForARegistryThatIsNotLoopback() throws Exception {
    String repository = FaultBed.uniqueRepository("http-remote");
    System.setProperty(TransportPolicy.SEND_CREDENTIALS_OVER_HTTP, "true");
    bed.emulator.setProxyEndpoint("http://registry.no-such-host.invalid:5000");

    EcrDeployException e = fails(repository, true);

    assertTrue(e.getMessage().contains("-DsendCredentialsOverHttp=true"), e.getMessage());
    assertTrue(e.getMessage().contains("only allowed for loopback registries"), e.getMessage());
  }

  @Test
  void sendingCredentialsOverPlainHttpToALoopbackRegistryWorksWhenAskedFor() throws Exception {
    String repository = FaultBed.uniqueRepository("http-loopback");
    System.setProperty(TransportPolicy.SEND_CREDENTIALS_OVER_HTTP, "true");
    bed.emulator.setProxyEndpoint(plainHttp.endpoint());

    PushResult result = bed.push(repository, 1, true, log, "1.0");

    assertEquals(Map.of("1.0", result.digest()), bed.inspector.tags(repository));
    assertTrue(plainHttp.exchanges().stream().anyMatch(FaultProxy.Exchange::authorization));
  }
}
