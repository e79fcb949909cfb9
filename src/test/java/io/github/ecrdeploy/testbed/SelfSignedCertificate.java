package io.github.ecrdeploy.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed TLS certificate for 127.0.0.1 and localhost, made with {@code openssl}, and the
 * trust material built from it: an {@link SSLContext} that trusts exactly this certificate, and a
 * PKCS12 trust store with the JDK's CA certificates plus this one (for child JVMs that must still
 * reach other HTTPS hosts).
 */
public final class SelfSignedCertificate {

  /** Password of the trust store written by {@link #writeTrustStoreWithJdkCas(Path)}. */
  public static final String TRUST_STORE_PASSWORD = "changeit";

  private static final String ALIAS = "ecr-deploy-test-registry";

  private final Path certificatePem;
  private final Path privateKeyPem;
  private final X509Certificate certificate;

  private SelfSignedCertificate(
      Path certificatePem, Path privateKeyPem, X509Certificate certificate) {
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
    this.certificate = certificate;
  }

  /**
   * Creates a key pair (EC P-256: quick to make) and a self-signed certificate (SAN IP:127.0.0.1,
   * DNS:localhost, valid ten years).
   *
   * @param certificatePem where to write the certificate; keep its directory free of other files,
   *     since tools such as skopeo read every {@code *.crt}, {@code *.cert} and {@code *.key} in a
   *     {@code --cert-dir}
   * @param privateKeyPem where to write the unencrypted private key
   */
  public static SelfSignedCertificate create(Path certificatePem, Path privateKeyPem)
      throws IOException, InterruptedException {
    Files.createDirectories(certificatePem.toAbsolutePath().getParent());
    Files.createDirectories(privateKeyPem.toAbsolutePath().getParent());
    TestTools.run(
        Duration.ofMinutes(1),
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-sha256",
        "-days",
        "3650",
        "-subj",
        "/CN=ecr-deploy test registry",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout",
        privateKeyPem.toString(),
        "-out",
        certificatePem.toString());
    return new SelfSignedCertificate(
        certificatePem, privateKeyPem, readCertificate(certificatePem));
  }

  private static X509Certificate readCertificate(Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot read the certificate " + pem, e);
    }
  }

  /** The certificate in PEM form. */
  public Path certificatePem() {
    return certificatePem;
  }

  /** The private key in PEM form. */
  public Path privateKeyPem() {
    return privateKeyPem;
  }

  /** The certificate itself. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** A TLS context that trusts this certificate and nothing else. */
  public SSLContext sslContext() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(ALIAS, certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot build a TLS context for " + certificatePem, e);
    }
  }

  /**
   * A TLS context that presents this certificate and its key, for test servers (such as a fault
   * proxy).
   */
  public SSLContext serverSslContext() {
    try {
      String pem = Files.readString(privateKeyPem);
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      PrivateKey key =
          KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      char[] password = TRUST_STORE_PASSWORD.toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(ALIAS, key, password, new Certificate[] {certificate});
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot build a server TLS context from " + privateKeyPem, e);
    }
  }

  /**
   * Writes a PKCS12 trust store (password {@value #TRUST_STORE_PASSWORD}) holding the running JDK's
   * CA certificates and this certificate, for {@code -Djavax.net.ssl.trustStore}.
   */
  public void writeTrustStoreWithJdkCas(Path trustStore) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      Path jdkCacerts = Paths.get(System.getProperty("java.home"), "lib", "security", "cacerts");
      if (Files.isRegularFile(jdkCacerts)) {
        KeyStore jdk =
            KeyStore.getInstance(jdkCacerts.toFile(), TRUST_STORE_PASSWORD.toCharArray());
        for (String alias : Collections.list(jdk.aliases())) {
          if (jdk.isCertificateEntry(alias)) {
            store.setCertificateEntry(alias, jdk.getCertificate(alias));
          }
        }
      }
      store.setCertificateEntry(ALIAS, certificate);
      Path temp =
          Files.createTempFile(trustStore.toAbsolutePath().getParent(), "truststore", ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        store.store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
      Files.move(
          temp, trustStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot write the trust store " + trustStore, e);
    }
  }
}
