package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits the application into layers: release dependencies, snapshot dependencies, reactor
 * dependencies, the application jar and one layer per extra directory; or, for a Spring Boot jar
 * with a layer index, the jar's own layers. A layer is only planned when it has files, so a code
 * change touches only the {@code application} layer and a dependency change never touches it.
 */
public final class LayerPlanner {
  static final String APPLICATION_JAR = "app.jar";
  static final String LIBS = "libs";

  private LayerPlanner() {}

  /** Plans the layers of {@code spec}, in stacking order. */
  public static List<PlannedLayer> plan(ContainerSpec spec) throws ImageBuildException {
    return plan(spec, SpringBootJar.read(spec.applicationJar()));
  }

  /**
   * Plans the layers of {@code spec} whose application jar is {@code boot} when that is a Spring
   * Boot jar: a layered one gives one layer per Spring Boot layer, extracted under the application
   * root; one without a layer index is a single {@code application} layer (its dependencies are
   * inside it, so the project's are not added again).
   */
  static List<PlannedLayer> plan(ContainerSpec spec, Optional<SpringBootJar> boot)
      throws ImageBuildException {
    AbsoluteUnixPath appRoot = appRoot(spec.appRoot());
    List<PlannedLayer> layers = new ArrayList<>();
    if (boot.isPresent() && boot.get().layered()) {
      layers.addAll(springBootLayers(boot.get(), spec.unpackDirectory(), appRoot));
    } else {
      if (boot.isEmpty()) {
        layers.addAll(dependencyLayers(spec, appRoot));
      }
      layers.add(
          new PlannedLayer(
              LayerKind.APPLICATION,
              FileEntriesLayer.builder()
                  .setName(LayerKind.APPLICATION.label())
                  .addEntry(
                      spec.applicationJar(),
                      appRoot.resolve(APPLICATION_JAR),
                      FilePermissions.DEFAULT_FILE_PERMISSIONS)
                  .build()));
    }
    int index = 0;
    for (Path directory : spec.extraDirectories()) {
      index++;
      layers.add(
          new PlannedLayer(LayerKind.EXTRA_DIRECTORY, extraDirectoryLayer(directory, index)));
    }
    return layers;
  }

  private static List<PlannedLayer> dependencyLayers(ContainerSpec spec, AbsoluteUnixPath appRoot) {
    AbsoluteUnixPath libs = appRoot.resolve(LIBS);
    Map<String, Integer> nameCounts = new HashMap<>();
    for (DependencyJar jar : spec.dependencies()) {
      nameCounts.merge(jar.fileName(), 1, Integer::sum);
    }
    List<PlannedLayer> layers = new ArrayList<>();
    for (LayerKind kind :
        List.of(
            LayerKind.DEPENDENCIES,
            LayerKind.SNAPSHOT_DEPENDENCIES,
            LayerKind.PROJECT_DEPENDENCIES)) {
      FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(kind.label());
      boolean any = false;
      for (DependencyJar jar : spec.dependencies()) {
        if (jar.kind() == kind) {
          String name =
              nameCounts.get(jar.fileName()) > 1
                  ? jar.groupId() + "-" + jar.fileName()
                  : jar.fileName();
          layer.addEntry(jar.file(), libs.resolve(name), FilePermissions.DEFAULT_FILE_PERMISSIONS);
          any = true;
        }
      }
      if (any) {
        layers.add(new PlannedLayer(kind, layer.build()));
      }
    }
    return layers;
  }

  /**
   * One layer per non-empty Spring Boot layer, laid out as {@code extract --layers --launcher}
   * does.
   */
  private static List<PlannedLayer> springBootLayers(
      SpringBootJar boot, Path unpackDirectory, AbsoluteUnixPath appRoot)
      throws ImageBuildException {
    List<PlannedLayer> layers = new ArrayList<>();
    for (Map.Entry<String, List<BootJarExtractor.ExtractedFile>> layer :
        BootJarExtractor.extract(boot, unpackDirectory).entrySet()) {
      if (layer.getValue().isEmpty()) {
        continue;
      }
      FileEntriesLayer.Builder builder = FileEntriesLayer.builder().setName(layer.getKey());
      for (BootJarExtractor.ExtractedFile file : layer.getValue()) {
        builder.addEntry(
            file.file(),
            appRoot.resolve(file.entryName()),
            FilePermissions.DEFAULT_FILE_PERMISSIONS);
      }
      layers.add(new PlannedLayer(LayerKind.SPRING_BOOT, layer.getKey(), builder.build()));
    }
    return layers;
  }

  /**
   * The generated entrypoint: {@code java <jvmFlags> -cp <appRoot>/app.jar:<appRoot>/libs/*
   * <mainClass>}.
   */
  public static List<String> javaEntrypoint(ContainerSpec spec) throws ImageBuildException {
    return javaEntrypoint(spec, SpringBootJar.read(spec.applicationJar()));
  }

  /**
   * The generated entrypoint; for a layered Spring Boot jar {@code java <jvmFlags> -cp <appRoot>
   * <launcher>} (the launcher finds {@code BOOT-INF} next to itself), for one without a layer index
   * {@code -cp <appRoot>/app.jar}.
   */
  static List<String> javaEntrypoint(ContainerSpec spec, Optional<SpringBootJar> boot)
      throws ImageBuildException {
    AbsoluteUnixPath appRoot = appRoot(spec.appRoot());
    List<String> entrypoint = new ArrayList<>();
    entrypoint.add("java");
    entrypoint.addAll(spec.jvmFlags());
    entrypoint.add("-cp");
    if (boot.isPresent()) {
      entrypoint.add(
          boot.get().layered() ? appRoot.toString() : appRoot.resolve(APPLICATION_JAR).toString());
    } else {
      entrypoint.add(appRoot.resolve(APPLICATION_JAR) + ":" + appRoot.resolve(LIBS) + "/*");
    }
    entrypoint.add(spec.mainClass());
    return entrypoint;
  }

  static AbsoluteUnixPath appRoot(String appRoot) throws ImageBuildException {
    if (appRoot == null || !appRoot.startsWith("/")) {
      throw new ImageBuildException(
          "<appRoot> '" + appRoot + "' must be an absolute Unix path such as /app");
    }
    return AbsoluteUnixPath.get(appRoot);
  }

  private static FileEntriesLayer extraDirectoryLayer(Path directory, int index)
      throws ImageBuildException {
    if (!Files.isDirectory(directory)) {
      throw new ImageBuildException(
          "<extraDirectories><extraDirectory>[" + index + "] " + directory + " is not a directory");
    }
    try {
      return FileEntriesLayer.builder()
          .setName(LayerKind.EXTRA_DIRECTORY.label() + "-" + index)
          .addEntryRecursive(
              directory,
              AbsoluteUnixPath.get("/"),
              (source, target) ->
                  Files.isDirectory(source)
                      ? FilePermissions.DEFAULT_FOLDER_PERMISSIONS
                      : Files.isExecutable(source)
                          ? FilePermissions.fromOctalString("755")
                          : FilePermissions.DEFAULT_FILE_PERMISSIONS)
          .build();
    } catch (IOException e) {
      throw new ImageBuildException(
          "<extraDirectories><extraDirectory>["
              + index
              + "] "
              + directory
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
  }
}
