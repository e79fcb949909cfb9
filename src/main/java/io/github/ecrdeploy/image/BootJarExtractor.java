package io.github.ecrdeploy.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts a layered Spring Boot jar into a directory, entry by entry (streamed), grouped by layer.
 * Files whose content is already there are left untouched, so their modification time stays and
 * Jib's layer cache reuses every layer whose files did not change; files of entries no longer in
 * the jar are deleted.
 */
final class BootJarExtractor {
  /**
   * A file extracted from the jar and the jar entry name it came from (its path below the
   * application root).
   */
  record ExtractedFile(Path file, String entryName) {}

  private BootJarExtractor() {}

  /**
   * Extracts {@code boot} under {@code directory}; returns the files of each layer, in the index's
   * layer order.
   */
  static Map<String, List<ExtractedFile>> extract(SpringBootJar boot, Path directory)
      throws ImageBuildException {
    SpringBootLayers layers = boot.layers().orElseThrow();
    Map<String, List<ExtractedFile>> files = new LinkedHashMap<>();
    for (String name : layers.names()) {
      files.put(name, new ArrayList<>());
    }
    Path root = directory.toAbsolutePath().normalize();
    Set<Path> extracted = new HashSet<>();
    try (ZipFile zip = new ZipFile(boot.jar().toFile())) {
      Files.createDirectories(root);
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.isDirectory()) {
          continue;
        }
        String layer =
            layers
                .layerOf(entry.getName())
                .orElseThrow(
                    () ->
                        new ImageBuildException(
                            "The Spring Boot jar "
                                + boot.jar()
                                + " has an entry that no layer of its layer index claims: "
                                + entry.getName()
                                + ". Check the layers configuration of spring-boot-maven-plugin"));
        Path file = root.resolve(entry.getName()).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
          throw new ImageBuildException(
              "The Spring Boot jar "
                  + boot.jar()
                  + " has an entry outside the jar's root: "
                  + entry.getName());
        }
        if (!extracted.add(file)) {
          throw new ImageBuildException(
              "The Spring Boot jar " + boot.jar() + " has two entries " + entry.getName());
        }
        if (!sameContent(file, entry)) {
          Files.createDirectories(file.getParent());
          try (InputStream in = zip.getInputStream(entry);
              OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
          }
        }
        files.get(layer).add(new ExtractedFile(file, entry.getName()));
      }
      deleteOthers(root, extracted);
    } catch (IOException e) {
      throw new ImageBuildException(
          "Cannot extract the Spring Boot jar "
              + boot.jar()
              + " into "
              + root
              + ": "
              + e.getMessage(),
          e);
    }
    return files;
  }

  private static boolean sameContent(Path file, ZipEntry entry) throws IOException {
    if (!Files.isRegularFile(file) || entry.getCrc() == -1 || Files.size(file) != entry.getSize()) {
      return false;
    }
    CRC32 crc = new CRC32();
    try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return crc.getValue() == entry.getCrc();
  }

  private static void deleteOthers(Path root, Set<Path> keep) throws IOException {
    List<Path> stale;
    try (Stream<Path> walk = Files.walk(root)) {
      stale = walk.filter(path -> Files.isRegularFile(path) && !keep.contains(path)).toList();
    }
    for (Path path : stale) {
      Files.delete(path);
    }
  }
}
