package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.github.ecrdeploy.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Test inputs: small jars with fixed entry times, and a tiny base image archive. */
public final class TestJars {
  public static final Log QUIET =
      new Log() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
      };

  private TestJars() {}

  /** A jar with one entry whose content is {@code content}; reproducible bytes. */
  public static Path jar(Path file, String mainClass, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out)) {
      JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
      manifestEntry.setTime(0);
      jar.putNextEntry(manifestEntry);
      manifest.write(jar);
      jar.closeEntry();
      JarEntry entry = new JarEntry("content.txt");
      entry.setTime(0);
      jar.putNextEntry(entry);
      jar.write(content.getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return file;
  }

  /** The layer index spring-boot-maven-plugin writes by default. */
  public static final String DEFAULT_BOOT_INDEX =
      """
      - "dependencies":
        - "BOOT-INF/lib/"
      - "spring-boot-loader":
        - "org/"
      - "snapshot-dependencies":
      - "application":
        - "BOOT-INF/classes/"
        - "BOOT-INF/classpath.idx"
        - "BOOT-INF/layers.idx"
        - "META-INF/"
      """;

  /**
   * A jar shaped like spring-boot-maven-plugin's repackage output: a launcher at the top, {@code
   * Start-Class} {@code com.example.App}, a library, the application class holding {@code
   * appContent}, and {@code index} as {@code BOOT-INF/layers.idx} (none when null). Directory
   * entries are included, as in real Boot jars.
   */
  public static Path bootJar(Path file, String index, String appContent) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("org/", null);
    entries.put("org/springframework/boot/loader/launch/JarLauncher.class", "launcher");
    entries.put("BOOT-INF/", null);
    entries.put("BOOT-INF/classes/com/example/App.class", appContent);
    entries.put("BOOT-INF/lib/lib-1.0.jar", "library 1.0");
    entries.put("BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/lib-1.0.jar\"\n");
    if (index != null) {
      entries.put("BOOT-INF/layers.idx", index);
    }
    return bootJar(file, entries, index != null);
  }

  /**
   * A Spring Boot jar with exactly {@code entries} (null content: a directory entry) after its
   * manifest.
   */
  public static Path bootJar(Path file, Map<String, String> entries, boolean layered)
      throws IOException {
    Files.createDirectories(file.getParent());
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
    main.putValue("Start-Class", "com.example.App");
    main.putValue("Spring-Boot-Version", "4.0.7");
    main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
    if (layered) {
      main.putValue("Spring-Boot-Layers-Index", "BOOT-INF/layers.idx");
    }
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out)) {
      JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
      manifestEntry.setTime(0);
      jar.putNextEntry(manifestEntry);
      manifest.write(jar);
      jar.closeEntry();
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        JarEntry jarEntry = new JarEntry(entry.getKey());
        jarEntry.setTime(0);
        jar.putNextEntry(jarEntry);
        if (entry.getValue() != null) {
          jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        }
        jar.closeEntry();
      }
    }
    return file;
  }

  /** A one-layer base image archive made with Jib from scratch. */
  public static Path baseTar(Path dir) throws Exception {
    Path file = Files.writeString(Files.createDirectories(dir).resolve("os-release"), "ID=test\n");
    Path tar = dir.resolve("base.tar");
    Jib.fromScratch()
        .addFileEntriesLayer(
            FileEntriesLayer.builder()
                .addEntry(file, AbsoluteUnixPath.get("/etc/os-release"))
                .build())
        .addEnvironmentVariable("PATH", "/bin")
        .containerize(
            Containerizer.to(TarImage.at(tar).named("base:1"))
                .setBaseImageLayersCache(dir.resolve("c")));
    return tar;
  }

  /** A spec over the given jars, with a tar base and main class {@code com.example.Main}. */
  public static ContainerSpec spec(Path baseTar, Path appJar, List<DependencyJar> deps)
      throws ImageBuildException {
    return spec(baseTar, appJar, deps, "com.example.Main");
  }

  /** A spec over the given jars, with a tar base. */
  public static ContainerSpec spec(
      Path baseTar, Path appJar, List<DependencyJar> deps, String mainClass)
      throws ImageBuildException {
    return new ContainerSpec(
        BaseImage.parse("tar://" + baseTar, baseTar.getParent()),
        appJar,
        deps,
        new ArrayList<>(),
        mainClass,
        List.of("-Xmx64m"),
        List.of(),
        List.of(),
        java.util.Map.of(),
        List.of("8080"),
        java.util.Map.of(),
        null,
        null,
        "/app",
        Instant.EPOCH,
        "1.0",
        appJar.resolveSibling("ecr-deploy-unpacked"));
  }
}
