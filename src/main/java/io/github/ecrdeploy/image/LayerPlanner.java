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

/**
 * Splits the application into layers: release dependencies, snapshot dependencies, reactor dependencies, the
 * application jar and one layer per extra directory. A layer is only planned when it has files, so a code change
 * touches only the {@code application} layer and a dependency change never touches it.
 */
public final class LayerPlanner {
  static final String APPLICATION_JAR = "app.jar";
  static final String LIBS = "libs";

  private LayerPlanner() {}

  /** Plans the layers of {@code spec}, in stacking order. */
  public static List<PlannedLayer> plan(ContainerSpec spec) throws ImageBuildException {
    AbsoluteUnixPath appRoot = appRoot(spec.appRoot());
    AbsoluteUnixPath libs = appRoot.resolve(LIBS);
    Map<String, Integer> nameCounts = new HashMap<>();
    for (DependencyJar jar : spec.dependencies()) {
      nameCounts.merge(jar.fileName(), 1, Integer::sum);
    }
    List<PlannedLayer> layers = new ArrayList<>();
    for (LayerKind kind :
        List.of(LayerKind.DEPENDENCIES, LayerKind.SNAPSHOT_DEPENDENCIES, LayerKind.PROJECT_DEPENDENCIES)) {
      FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(kind.label());
      boolean any = false;
      for (DependencyJar jar : spec.dependencies()) {
        if (jar.kind() == kind) {
          String name = nameCounts.get(jar.fileName()) > 1 ? jar.groupId() + "-" + jar.fileName() : jar.fileName();
          layer.addEntry(jar.file(), libs.resolve(name), FilePermissions.DEFAULT_FILE_PERMISSIONS);
          any = true;
        }
      }
      if (any) {
        layers.add(new PlannedLayer(kind, layer.build()));
      }
    }
    layers.add(
        new PlannedLayer(
            LayerKind.APPLICATION,
            FileEntriesLayer.builder()
                .setName(LayerKind.APPLICATION.label())
                .addEntry(spec.applicationJar(), appRoot.resolve(APPLICATION_JAR), FilePermissions.DEFAULT_FILE_PERMISSIONS)
                .build()));
    int index = 0;
    for (Path directory : spec.extraDirectories()) {
      index++;
      layers.add(new PlannedLayer(LayerKind.EXTRA_DIRECTORY, extraDirectoryLayer(directory, index)));
    }
    return layers;
  }

  /** The generated entrypoint: {@code java <jvmFlags> -cp <appRoot>/app.jar:<appRoot>/libs/* <mainClass>}. */
  public static List<String> javaEntrypoint(ContainerSpec spec) throws ImageBuildException {
    AbsoluteUnixPath appRoot = appRoot(spec.appRoot());
    List<String> entrypoint = new ArrayList<>();
    entrypoint.add("java");
    entrypoint.addAll(spec.jvmFlags());
    entrypoint.add("-cp");
    entrypoint.add(appRoot.resolve(APPLICATION_JAR) + ":" + appRoot.resolve(LIBS) + "/*");
    entrypoint.add(spec.mainClass());
    return entrypoint;
  }

  static AbsoluteUnixPath appRoot(String appRoot) throws ImageBuildException {
    if (appRoot == null || !appRoot.startsWith("/")) {
      throw new ImageBuildException("<appRoot> '" + appRoot + "' must be an absolute Unix path such as /app");
    }
    return AbsoluteUnixPath.get(appRoot);
  }

  private static FileEntriesLayer extraDirectoryLayer(Path directory, int index) throws ImageBuildException {
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
          "<extraDirectories><extraDirectory>[" + index + "] " + directory + " cannot be read: " + e.getMessage(), e);
    }
  }
}
