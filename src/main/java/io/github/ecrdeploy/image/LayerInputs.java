package io.github.ecrdeploy.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a layer is built from, recorded in image.json so that the next build can say why a layer
 * changed ({@link LayerChange}).
 *
 * @param image the base image reference ({@code base} layers only)
 * @param jars the dependency jars: file name, size, sha256 (dependency layers only)
 * @param files how many files the layer holds; for the application layer, the files inside the
 *     application jar (other layers than dependencies and base)
 * @param digest for the base: its manifest digest; else one sha256 over every file's path and
 *     content (not for dependency layers)
 */
public record LayerInputs(
    @JsonInclude(JsonInclude.Include.NON_NULL) String image,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<InputFile> jars,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer files,
    @JsonInclude(JsonInclude.Include.NON_NULL) String digest) {

  /** A dependency jar of a layer. */
  public record InputFile(String name, long size, String sha256) {}

  public LayerInputs {
    jars = jars == null ? List.of() : List.copyOf(jars);
  }

  /** The inputs of a base image layer: the image reference and the digest it resolved to. */
  public static LayerInputs ofBase(String image, String digest) {
    return new LayerInputs(image, List.of(), null, digest);
  }

  /** The inputs of a layer the project adds, read from the files Jib puts into it. */
  public static LayerInputs of(PlannedLayer layer) throws IOException {
    List<FileEntry> entries = layer.layer().getEntries();
    if (layer.kind() == LayerKind.DEPENDENCIES
        || layer.kind() == LayerKind.SNAPSHOT_DEPENDENCIES
        || layer.kind() == LayerKind.PROJECT_DEPENDENCIES) {
      List<InputFile> jars = new ArrayList<>();
      for (FileEntry entry : entries) {
        Path file = entry.getSourceFile();
        String path = entry.getExtractionPath().toString();
        String name = path.substring(path.lastIndexOf('/') + 1);
        jars.add(new InputFile(name, Files.size(file), sha256(file)));
      }
      return new LayerInputs(null, jars, null, null);
    }
    Map<String, String> files = new TreeMap<>();
    for (FileEntry entry : entries) {
      Path file = entry.getSourceFile();
      if (!Files.isRegularFile(file)) {
        continue;
      }
      if (layer.kind() == LayerKind.APPLICATION && file.toString().endsWith(".jar")) {
        files.putAll(jarEntries(file));
      } else {
        files.put(entry.getExtractionPath().toString(), sha256(file));
      }
    }
    MessageDigest all = sha256();
    files.forEach(
        (name, sha) -> all.update((name + '\0' + sha + '\n').getBytes(StandardCharsets.UTF_8)));
    return new LayerInputs(
        null, List.of(), files.size(), "sha256:" + HexFormat.of().formatHex(all.digest()));
  }

  private static Map<String, String> jarEntries(Path jar) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : file.stream().toList()) {
        if (!entry.isDirectory()) {
          try (InputStream in = file.getInputStream(entry)) {
            entries.put(entry.getName(), digest(in));
          }
        }
      }
    }
    return entries;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return "sha256:" + digest(in);
    }
  }

  private static String digest(InputStream in) throws IOException {
    try (DigestInputStream digesting = new DigestInputStream(in, sha256())) {
      digesting.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
