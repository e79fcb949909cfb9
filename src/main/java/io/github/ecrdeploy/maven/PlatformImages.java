package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.ecr.EcrDeployException;
import io.github.ecrdeploy.ecr.EcrPush;
import io.github.ecrdeploy.ecr.IndexUpload;
import io.github.ecrdeploy.ecr.PushResult;
import io.github.ecrdeploy.ecr.RegistryLogin;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ImageIndex;
import io.github.ecrdeploy.image.ImagePlatform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * What {@code push} does differently with {@code <platforms>}: it pushes the image index that build
 * wrote.
 */
final class PlatformImages {
  private PlatformImages() {}

  /**
   * Fails when {@code <platforms>} is configured and image.json was built for other platforms (or
   * without them), so that push never publishes an index other than the one configured. Without
   * {@code <platforms>}, push pushes what image.json describes.
   */
  static void checkBuiltFor(BuiltImage built, List<ImagePlatform> configured)
      throws MojoExecutionException {
    if (configured.isEmpty()) {
      return;
    }
    List<String> wanted = configured.stream().map(ImagePlatform::text).toList();
    List<String> builtFor = built.platforms().stream().map(BuiltImage::platform).toList();
    if (!wanted.equals(builtFor)) {
      throw new MojoExecutionException(
          "<platforms> (ecr.platforms) lists "
              + wanted
              + " but image.json was built "
              + (builtFor.isEmpty() ? "as a single image" : "for " + builtFor)
              + ": run build again with the same <platforms> before push");
    }
  }

  /** Pushes each platform's image and the index in {@link ImageIndex#FILE_NAME}. */
  static PushResult push(
      EcrClient ecr,
      EcrPush.Request request,
      Path outputDirectory,
      IndexUpload.PlatformPushers pushers,
      RegistryLogin logins,
      Log log)
      throws EcrDeployException, MojoExecutionException {
    Path file = outputDirectory.resolve(ImageIndex.FILE_NAME);
    ImageIndex index;
    try {
      index = ImageIndex.read(file);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot read "
              + file
              + " ("
              + e.getMessage()
              + "), the image index build wrote: run build again",
          e);
    }
    return new IndexUpload(ecr, pushers, logins, log).push(request, index);
  }
}
