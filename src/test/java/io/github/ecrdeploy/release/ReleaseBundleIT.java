package io.github.ecrdeploy.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.testbed.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Prelease} builds what Maven Central takes: a copy of this project at its release version
 * is built with {@code ./mvnw -Prelease deploy} (tests and ITs skipped, nothing uploaded), signed
 * with a throwaway GPG key made here, and the Central bundle must hold the pom, jar, sources and
 * javadoc jars, an {@code .asc} for each that {@code gpg --verify} accepts, and their md5/sha1
 * checksums (docs/releasing.md).
 */
class ReleaseBundleIT {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final String PASSPHRASE = "throwaway-release-test";
  private static final Pattern VERSION =
      Pattern.compile("(<artifactId>ecr-deploy-maven-plugin</artifactId>\\s*<version>)([^<]+)");

  @Test
  void releaseProfileBuildsASignedCentralBundle(@TempDir Path tmp) throws Exception {
    TestTools.ensureInstalled();
    Path gnupgHome = Files.createDirectory(tmp.resolve("gnupg"));
    Files.setPosixFilePermissions(gnupgHome, PosixFilePermissions.fromString("rwx------"));
    String fingerprint = throwawayKey(gnupgHome);
    Path project = tmp.resolve("project");
    String version = copyAtReleaseVersion(project);

    Path log = tmp.resolve("release-build.log");
    ProcessBuilder build =
        new ProcessBuilder(
                "./mvnw",
                "-B",
                "-Prelease",
                "deploy",
                "-Dgpg.keyname=" + fingerprint,
                "-Dmaven.test.skip=true",
                "-Dinvoker.skip=true",
                "-Dspotless.check.skip=true",
                "-Dmaven.install.skip=true")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    build.environment().put("GNUPGHOME", gnupgHome.toString());
    build.environment().put("MAVEN_GPG_PASSPHRASE", PASSPHRASE);
    Process process = build.start();
    assertTrue(process.waitFor(15, java.util.concurrent.TimeUnit.MINUTES), "release build hung");
    assertEquals(
        0, process.exitValue(), "./mvnw -Prelease deploy failed:\n" + TestTools.tail(log, 60));
    assertTrue(
        Files.readString(log).contains("Skipping the upload of the bundle"),
        "-Prelease must not upload unless asked (-Dcentral.skipUpload=false):\n"
            + TestTools.tail(log, 20));

    Path bundle = project.resolve("target/central-publishing/central-bundle.zip");
    assertTrue(Files.isRegularFile(bundle), bundle + " missing:\n" + TestTools.tail(log, 40));
    Path unpacked = tmp.resolve("bundle");
    List<String> listing = unzip(bundle, unpacked);
    System.out.println("Central bundle " + bundle.getFileName() + ":");
    listing.forEach(entry -> System.out.println("  " + entry));

    String dir = "io/github/ecrdeploy/ecr-deploy-maven-plugin/" + version + "/";
    String base = dir + "ecr-deploy-maven-plugin-" + version;
    List<String> artifacts =
        List.of(base + ".pom", base + ".jar", base + "-sources.jar", base + "-javadoc.jar");
    for (String artifact : artifacts) {
      for (String suffix : List.of("", ".asc", ".md5", ".sha1")) {
        assertTrue(listing.contains(artifact + suffix), artifact + suffix + " not in " + listing);
      }
      Path file = unpacked.resolve(artifact);
      assertEquals(
          digest("MD5", file), Files.readString(unpacked.resolve(artifact + ".md5")).trim());
      assertEquals(
          digest("SHA-1", file), Files.readString(unpacked.resolve(artifact + ".sha1")).trim());
      String verified =
          gpg(
              gnupgHome,
              "--verify",
              unpacked.resolve(artifact + ".asc").toString(),
              file.toString());
      assertTrue(verified.contains("Good signature"), artifact + ": " + verified);
    }

    String pom = Files.readString(unpacked.resolve(base + ".pom"));
    for (String element :
        List.of("<name>", "<description>", "<url>", "<licenses>", "<developers>", "<scm>")) {
      assertTrue(
          pom.contains(element), "the released POM lacks " + element + " (Central needs it)");
    }
    assertFalse(
        pom.contains("<artifactId>jib-core</artifactId>"),
        "the bundle's POM must be the dependency-reduced one (jib-core is inside the jar)");
    try (ZipFile jar = new ZipFile(unpacked.resolve(base + ".jar").toFile())) {
      assertTrue(jar.getEntry("META-INF/maven/plugin.xml") != null, "no plugin.xml in the jar");
      assertTrue(
          jar.stream().anyMatch(e -> e.getName().startsWith("com/google/cloud/tools/jib/")),
          "the bundle's jar must be the shaded one (with Jib Core inside)");
    }
  }

  /** An RSA signing key without user interaction; returns its fingerprint. */
  private static String throwawayKey(Path gnupgHome) throws IOException, InterruptedException {
    String parameters =
        String.join(
            "\n",
            "Key-Type: RSA",
            "Key-Length: 2048",
            "Key-Usage: sign",
            "Name-Real: ecr-deploy release test",
            "Name-Email: release-test@example.invalid",
            "Expire-Date: 1d",
            "Passphrase: " + PASSPHRASE,
            "%commit",
            "");
    ProcessBuilder generate =
        new ProcessBuilder("gpg", "--batch", "--pinentry-mode", "loopback", "--gen-key");
    generate.environment().put("GNUPGHOME", gnupgHome.toString());
    TestTools.run(Duration.ofMinutes(2), generate, parameters);
    String colons = gpg(gnupgHome, "--with-colons", "--list-secret-keys");
    Matcher fpr = Pattern.compile("(?m)^fpr:+([0-9A-F]{40}):").matcher(colons);
    assertTrue(fpr.find(), "no key generated: " + colons);
    return fpr.group(1);
  }

  /** Runs gpg in {@code gnupgHome}; returns its standard output and error. */
  private static String gpg(Path gnupgHome, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("gpg", "--batch"));
    command.addAll(List.of(arguments));
    ProcessBuilder gpg = new ProcessBuilder(command).redirectErrorStream(true);
    gpg.environment().put("GNUPGHOME", gnupgHome.toString());
    return TestTools.run(Duration.ofMinutes(1), gpg, null);
  }

  /**
   * Copies what the build needs (not target/, not the tests) and sets the version without
   * -SNAPSHOT: Central takes releases only, and the bundle is made only for them.
   */
  private static String copyAtReleaseVersion(Path project) throws IOException {
    for (String path : List.of("pom.xml", "mvnw", "LICENSE", ".mvn", "src/main")) {
      copyTree(ROOT.resolve(path), project.resolve(path));
    }
    String pom = Files.readString(project.resolve("pom.xml"));
    Matcher version = VERSION.matcher(pom);
    assertTrue(version.find(), "no project version in pom.xml");
    String release = version.group(2).replace("-SNAPSHOT", "");
    Files.writeString(
        project.resolve("pom.xml"),
        pom.substring(0, version.start(2)) + release + pom.substring(version.end(2)));
    return release;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Extracts the zip; returns its entry names, sorted. */
  private static List<String> unzip(Path zip, Path into) throws IOException {
    Map<String, Path> entries = new TreeMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : file.stream().toList()) {
        Path target = into.resolve(entry.getName()).normalize();
        assertTrue(target.startsWith(into), "entry outside the bundle: " + entry.getName());
        if (entry.isDirectory()) {
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, target);
        }
        entries.put(entry.getName(), target);
      }
    }
    return new ArrayList<>(entries.keySet());
  }

  private static String digest(String algorithm, Path file)
      throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
  }
}
