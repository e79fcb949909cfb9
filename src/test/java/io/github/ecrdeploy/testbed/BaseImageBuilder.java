package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds the test bed's JRE base image offline (see {@link JreRootFs} for its contents) as one
 * reproducible layer with Jib Core: from scratch, file times fixed, creation time the epoch, {@code
 * PATH=/opt/java/bin:/bin}, {@code JAVA_HOME=/opt/java}, platform linux/amd64. Pushes it (OCI
 * format) to a {@link TestRegistry} and writes the same image (same layer and config) as a {@code
 * docker save}-style tar, the form Jib reads as a {@code tar://} base image and {@code podman load}
 * accepts.
 */
public final class BaseImageBuilder {

  /** Where the test bed pushes the base image in its registry. */
  public static final String REPOSITORY_AND_TAG = "base/jre:17";

  /**
   * Where the test bed pushes the two-platform base image: an OCI image index over the JRE image
   * for linux/amd64 and the same layer with a linux/arm64 config (which does not run; it is there
   * to be selected).
   */
  public static final String MULTI_PLATFORM_REPOSITORY_AND_TAG = "base/jre-multi:17";

  private static final Platform AMD64 = new Platform("amd64", "linux");
  private static final Platform ARM64 = new Platform("arm64", "linux");

  /** Modification time of every file in the layer (Jib's default, one second after the epoch). */
  private static final Instant FILE_TIME = Instant.ofEpochSecond(1);

  /** In a fixed order: the order is part of the image config, and so of its digest. */
  private static final Map<String, String> ENVIRONMENT = environment();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path cacheDir;
  private final Consumer<String> log;

  /**
   * @param cacheDir where the JRE tree and Jib's layer cache are kept between runs (see {@link
   *     #defaultCacheDir()})
   * @param log receives progress lines
   */
  public BaseImageBuilder(Path cacheDir, Consumer<String> log) {
    this.cacheDir = cacheDir;
    this.log = log;
  }

  /**
   * {@code $ECR_DEPLOY_TESTBED_CACHE}, else {@code ~/.cache/ecr-deploy-testbed}: outside {@code
   * target/}, so {@code mvn clean} and fresh clones on the same machine reuse the JRE tree.
   */
  public static Path defaultCacheDir() {
    String configured = System.getenv("ECR_DEPLOY_TESTBED_CACHE");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "ecr-deploy-testbed");
  }

  private static Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", "/opt/java/bin:/bin");
    environment.put("JAVA_HOME", "/opt/java");
    return Collections.unmodifiableMap(environment);
  }

  /** The image's file tree (made on first use, then cached). */
  public Path rootFs() throws IOException, InterruptedException {
    return JreRootFs.prepare(cacheDir, log);
  }

  /**
   * Pushes the image to {@code registry} as {@code repositoryAndTag} (e.g. {@value
   * #REPOSITORY_AND_TAG}) with the registry's credentials and returns the manifest digest ({@code
   * sha256:...}). The registry's self-signed certificate is accepted through Jib's
   * insecure-registry mode; test code that needs verified TLS uses {@link
   * TestRegistry#trustStore()} in a child JVM.
   */
  public String pushTo(TestRegistry registry, String repositoryAndTag)
      throws IOException, InterruptedException {
    ImageReference reference = parseReference(registry.host() + "/" + repositoryAndTag);
    RegistryImage target =
        RegistryImage.named(reference).addCredential(registry.user(), registry.password());
    JibContainer pushed =
        containerize(
            ImageFormat.OCI, AMD64, Containerizer.to(target).setAllowInsecureRegistries(true));
    log.accept("Pushed " + reference + "@" + pushed.getDigest());
    return pushed.getDigest().toString();
  }

  /**
   * Pushes a two-platform base to {@code registry} as {@code repositoryAndTag} (e.g. {@value
   * #MULTI_PLATFORM_REPOSITORY_AND_TAG}): the platform images under {@code TAG-amd64} and {@code
   * TAG-arm64}, then an OCI image index over them under {@code TAG}. Returns the index digest.
   */
  public String pushMultiPlatformTo(TestRegistry registry, String repositoryAndTag)
      throws IOException, InterruptedException {
    int colon = repositoryAndTag.lastIndexOf(':');
    String repository = repositoryAndTag.substring(0, colon);
    String tag = repositoryAndTag.substring(colon + 1);
    RegistryHttpApi api =
        new RegistryHttpApi(
            registry.host(), registry.user(), registry.password(), registry.sslContext());
    ObjectNode index =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", RegistryHttpApi.OCI_INDEX);
    for (Platform platform : List.of(AMD64, ARM64)) {
      String platformTag = tag + "-" + platform.getArchitecture();
      ImageReference reference =
          parseReference(registry.host() + "/" + repository + ":" + platformTag);
      RegistryImage target =
          RegistryImage.named(reference).addCredential(registry.user(), registry.password());
      containerize(
          ImageFormat.OCI, platform, Containerizer.to(target).setAllowInsecureRegistries(true));
      RegistryHttpApi.Manifest manifest =
          api.manifest(repository, platformTag)
              .orElseThrow(() -> new IOException("The registry lost " + reference));
      ObjectNode entry =
          index
              .withArray("manifests")
              .addObject()
              .put("mediaType", RegistryHttpApi.OCI_MANIFEST)
              .put("digest", manifest.digest())
              .put("size", manifest.bytes().length);
      entry
          .putObject("platform")
          .put("architecture", platform.getArchitecture())
          .put("os", platform.getOs());
    }
    String digest =
        api.putManifest(repository, tag, JSON.writeValueAsBytes(index), RegistryHttpApi.OCI_INDEX);
    log.accept(
        "Pushed "
            + registry.host()
            + "/"
            + repositoryAndTag
            + "@"
            + digest
            + " (OCI index: amd64, arm64)");
    return digest;
  }

  /**
   * Writes the image as a {@code docker save}-style tar (manifest.json, config, gzipped layer)
   * naming it {@code imageReference}; the file appears complete or not at all.
   */
  public void writeTar(Path tarFile, String imageReference)
      throws IOException, InterruptedException {
    Path absolute = tarFile.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temp =
        Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
    try {
      containerize(
          ImageFormat.Docker,
          AMD64,
          Containerizer.to(TarImage.at(temp).named(parseReference(imageReference))));
      Files.move(
          temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    log.accept("Wrote " + absolute + " (" + imageReference + ")");
  }

  private static ImageReference parseReference(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("Not an image reference: " + reference, e);
    }
  }

  private JibContainer containerize(
      ImageFormat format, Platform platform, Containerizer containerizer)
      throws IOException, InterruptedException {
    JibContainerBuilder image =
        Jib.fromScratch()
            .setFormat(format)
            .setPlatforms(Set.of(platform))
            .setCreationTime(Instant.EPOCH)
            .setEnvironment(ENVIRONMENT)
            .setFileEntriesLayers(List.of(layer(rootFs())));
    containerizer
        .setToolName("ecr-deploy-testbed")
        .setBaseImageLayersCache(cacheDir.resolve("jib-base-layers"))
        .setApplicationLayersCache(cacheDir.resolve("jib-layers"))
        .addEventHandler(
            LogEvent.class,
            event -> {
              if (event.getLevel().ordinal() <= LogEvent.Level.LIFECYCLE.ordinal()) {
                log.accept("jib " + event.getLevel() + ": " + event.getMessage());
              }
            });
    try {
      return image.containerize(containerizer);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Jib could not build the base image: " + e.getMessage(), e);
    }
  }

  private static FileEntriesLayer layer(Path root) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("jre");
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.filter(path -> !path.equals(root)).sorted().toList();
    }
    for (Path path : paths) {
      AbsoluteUnixPath inImage = AbsoluteUnixPath.get("/" + root.relativize(path).toString());
      FilePermissions permissions =
          path.endsWith("tmp") && path.getParent().equals(root)
              ? FilePermissions.fromOctalString("777")
              : FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(path));
      layer.addEntry(path, inImage, permissions, FILE_TIME);
    }
    return layer.build();
  }
}
