package io.github.ecrdeploy.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * A jar repackaged by spring-boot-maven-plugin: its manifest names the Spring Boot launcher ({@code
 * Main-Class}) and the application class ({@code Start-Class}); the dependencies are inside it
 * under {@code BOOT-INF/lib}.
 *
 * @param jar the jar on disk
 * @param launcher the manifest's {@code Main-Class}, e.g. {@code
 *     org.springframework.boot.loader.launch.JarLauncher}
 * @param startClass the manifest's {@code Start-Class}, the application's own main class
 * @param layers the layer index, empty when the jar was packaged without one
 */
public record SpringBootJar(
    Path jar, String launcher, String startClass, Optional<SpringBootLayers> layers) {
  static final String DEFAULT_LAYERS_INDEX = "BOOT-INF/layers.idx";

  /**
   * Reads {@code jar}; empty when it is not a Spring Boot jar (no {@code Spring-Boot-Version} in
   * its manifest).
   */
  public static Optional<SpringBootJar> read(Path jar) throws ImageBuildException {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        return Optional.empty();
      }
      Attributes main = manifest.getMainAttributes();
      if (main.getValue("Spring-Boot-Version") == null
          && main.getValue("Spring-Boot-Classes") == null) {
        return Optional.empty();
      }
      String indexName =
          Optional.ofNullable(main.getValue("Spring-Boot-Layers-Index"))
              .orElse(DEFAULT_LAYERS_INDEX);
      ZipEntry index = file.getEntry(indexName);
      Optional<SpringBootLayers> layers = Optional.empty();
      if (index != null) {
        try (InputStream in = file.getInputStream(index)) {
          layers =
              Optional.of(
                  SpringBootLayers.parse(
                      new String(in.readAllBytes(), StandardCharsets.UTF_8),
                      jar + "!/" + indexName));
        }
      }
      return Optional.of(
          new SpringBootJar(
              jar, main.getValue("Main-Class"), main.getValue("Start-Class"), layers));
    } catch (IOException e) {
      throw new ImageBuildException(
          "Cannot read the packaged jar " + jar + ": " + e.getMessage(), e);
    }
  }

  /** True when the jar has a layer index, so the image gets one layer per Spring Boot layer. */
  public boolean layered() {
    return layers.isPresent();
  }

  /**
   * Checks that {@code mainClass} can start the extracted jar: it must be a launcher at the top of
   * the jar (the manifest's {@code Main-Class} always is), not the application class inside {@code
   * BOOT-INF/classes}.
   */
  void checkLauncher(String mainClass) throws ImageBuildException {
    if (mainClass.equals(startClass) && !mainClass.equals(launcher)) {
      throw new ImageBuildException(
          "<mainClass> "
              + mainClass
              + " is the Start-Class of the Spring Boot jar "
              + jar.getFileName()
              + ": the image starts the Spring Boot launcher ("
              + launcher
              + "), which runs it. Remove <mainClass>, or set it to another Spring Boot launcher"
              + " such as org.springframework.boot.loader.launch.PropertiesLauncher");
    }
    String classFile = mainClass.replace('.', '/') + ".class";
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      if (file.getEntry(classFile) == null) {
        throw new ImageBuildException(
            "<mainClass> "
                + mainClass
                + " is not at the top of the Spring Boot jar "
                + jar.getFileName()
                + " (no "
                + classFile
                + "): for a Spring Boot jar it must be a launcher. Remove <mainClass> to use the"
                + " jar's Main-Class "
                + launcher);
      }
    } catch (IOException e) {
      throw new ImageBuildException(
          "Cannot read the packaged jar " + jar + ": " + e.getMessage(), e);
    }
  }
}
