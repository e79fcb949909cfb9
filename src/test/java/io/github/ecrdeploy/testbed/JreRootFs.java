package io.github.ecrdeploy.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The file tree of a small JRE image, made offline from the JDK that runs the tests: a {@code
 * jlink} runtime in {@code /opt/java}, the shared libraries its binaries need, the dynamic loader,
 * and a static busybox as {@code /bin/busybox} and {@code /bin/sh}. Symbolic links are replaced by
 * copies (image layers get plain files). The tree is cached under a directory keyed on the JDK
 * (java.home, version) and this recipe.
 */
final class JreRootFs {

  /**
   * The modules of the runtime: enough for an HTTP service with JSON, JDBC, JMX and JNDI, and for a
   * Spring Boot web application (Spring needs java.desktop for java.beans, Tomcat
   * java.security.jgss and java.instrument).
   */
  static final List<String> MODULES =
      List.of(
          "java.base",
          "java.logging",
          "jdk.httpserver",
          "java.net.http",
          "java.management",
          "java.naming",
          "java.sql",
          "jdk.unsupported",
          "java.xml",
          "jdk.crypto.ec",
          "java.desktop",
          "java.security.jgss",
          "java.instrument");

  /** Bump when the recipe changes, so caches made by an older recipe are not used. */
  private static final String RECIPE_VERSION = "1";

  private static final String DYNAMIC_LOADER = "/lib64/ld-linux-x86-64.so.2";
  private static final String BUSYBOX = "/bin/busybox";
  private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s+|^\\s*)(/\\S+)\\s+\\(0x");

  private JreRootFs() {}

  /**
   * Returns the cached tree for this JDK under {@code cacheDir}, making it first when it is not
   * there.
   */
  static Path prepare(Path cacheDir, Consumer<String> log)
      throws IOException, InterruptedException {
    Path javaHome = Paths.get(System.getProperty("java.home"));
    Path target = cacheDir.resolve("jre-rootfs-" + cacheKey(javaHome));
    if (Files.isDirectory(target)) {
      log.accept("JRE tree from cache: " + target);
      return target;
    }
    Files.createDirectories(cacheDir);
    Path work = Files.createTempDirectory(cacheDir, "jre-rootfs-work-");
    try {
      long started = System.nanoTime();
      Path root = work.resolve("root");
      Files.createDirectories(root);
      build(javaHome, root);
      try {
        Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw e;
        }
        log.accept("Another process made " + target + " meanwhile; using it");
      }
      log.accept(
          "JRE tree made in "
              + Duration.ofNanos(System.nanoTime() - started).toMillis()
              + " ms: "
              + target);
      return target;
    } finally {
      TestRegistry.deleteRecursively(work);
    }
  }

  private static String cacheKey(Path javaHome) throws IOException {
    String identity =
        String.join(
            "\n",
            javaHome.toRealPath().toString(),
            System.getProperty("java.version"),
            System.getProperty("java.vm.version"),
            String.join(",", MODULES),
            RECIPE_VERSION);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void build(Path javaHome, Path root) throws IOException, InterruptedException {
    Path jlink = javaHome.resolve("bin/jlink");
    if (!Files.isExecutable(jlink)) {
      throw new IOException(
          "No jlink in " + javaHome + ": the test bed needs a full JDK to make its base image");
    }
    Path java = root.resolve("opt/java");
    Files.createDirectories(java.getParent());
    TestTools.run(
        Duration.ofMinutes(5),
        jlink.toString(),
        "--add-modules",
        String.join(",", MODULES),
        "--strip-debug",
        "--no-header-files",
        "--no-man-pages",
        "--output",
        java.toString());
    replaceSymlinksWithCopies(root);

    TreeSet<String> libraries = new TreeSet<>();
    libraries.add(DYNAMIC_LOADER);
    for (Path binary : elfFiles(java)) {
      libraries.addAll(sharedLibraries(binary, root));
    }
    for (String library : libraries) {
      copyResolved(Paths.get(library), root.resolve(library.substring(1)));
    }

    Path busybox = Paths.get(BUSYBOX);
    if (!Files.isRegularFile(busybox)) {
      throw new IOException(
          BUSYBOX + " is missing: install busybox-static (src/test/sh/install-test-tools.sh)");
    }
    copyResolved(busybox, root.resolve("bin/busybox"));
    copyResolved(busybox, root.resolve("bin/sh"));
    Files.createDirectories(root.resolve("tmp"));
  }

  private static void replaceSymlinksWithCopies(Path root) throws IOException {
    List<Path> links;
    try (Stream<Path> paths = Files.walk(root)) {
      links = paths.filter(Files::isSymbolicLink).toList();
    }
    for (Path link : links) {
      Path resolved = link.toRealPath();
      if (!Files.isRegularFile(resolved)) {
        throw new IOException(
            "Unexpected link to a non-file in the jlink output: " + link + " -> " + resolved);
      }
      Files.delete(link);
      Files.copy(resolved, link, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static List<Path> elfFiles(Path dir) throws IOException {
    List<Path> result = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path :
          paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(path)) {
          if (in.read(head) == 4
              && head[0] == 0x7f
              && head[1] == 'E'
              && head[2] == 'L'
              && head[3] == 'F') {
            result.add(path);
          }
        }
      }
    }
    return result;
  }

  /**
   * The absolute paths {@code ldd} reports for {@code binary}, except those inside {@code root}
   * itself.
   */
  private static List<String> sharedLibraries(Path binary, Path root)
      throws IOException, InterruptedException {
    List<String> result = new ArrayList<>();
    for (String line : TestTools.run(Duration.ofMinutes(1), "ldd", binary.toString()).split("\n")) {
      Matcher matcher = LDD_PATH.matcher(line);
      if (matcher.find() && !Paths.get(matcher.group(1)).normalize().startsWith(root)) {
        result.add(matcher.group(1));
      }
    }
    return result;
  }

  private static void copyResolved(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.copy(
        source.toRealPath(),
        target,
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.COPY_ATTRIBUTES);
  }
}
