package io.github.ecrdeploy.testbed;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Pushes tiny one-layer images straight to a registry with Jib Core, as the plugin's push does. */
public final class JibTestImages {

  private JibTestImages() {}

  /**
   * Pushes an image whose single layer holds one file with {@code content} (so different contents
   * give different digests) under all {@code tags}.
   *
   * @return the pushed image's manifest digest
   */
  public static String push(
      String registryHost,
      String user,
      String password,
      String repository,
      String content,
      ImageFormat format,
      String... tags)
      throws Exception {
    Path dir = Files.createTempDirectory("jib-test-image");
    try {
      Path file = Files.writeString(dir.resolve("content.txt"), content);
      RegistryImage target =
          RegistryImage.named(registryHost + "/" + repository + ":" + tags[0])
              .addCredential(user, password);
      Containerizer containerizer =
          Containerizer.to(target)
              .setAllowInsecureRegistries(true)
              .setApplicationLayersCache(dir.resolve("cache"))
              .setBaseImageLayersCache(dir.resolve("base-cache"))
              .setToolName("ecr-emulator-test");
      for (String tag : List.of(tags).subList(1, tags.length)) {
        containerizer.withAdditionalTag(tag);
      }
      JibContainer container =
          Jib.fromScratch()
              .setFormat(format)
              .addFileEntriesLayer(
                  FileEntriesLayer.builder()
                      .addEntry(file, AbsoluteUnixPath.get("/content.txt"))
                      .build())
              .containerize(containerizer);
      return container.getDigest().toString();
    } finally {
      TestRegistry.deleteRecursively(dir);
    }
  }
}
