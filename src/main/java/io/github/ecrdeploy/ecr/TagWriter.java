package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;

/**
 * Points a tag at an image that is already complete in the repository, with {@code PutImage} and
 * the manifest bytes unchanged, so a tag never points at a partially pushed image.
 */
public final class TagWriter {
  private TagWriter() {}

  /**
   * An image as {@link #tag} needs it, from manifest bytes kept locally instead of fetched from ECR
   * ({@code PutImage} checks them against {@code digest}).
   */
  public static Image image(String digest, String mediaType, String manifest) {
    return Image.builder()
        .imageId(id -> id.imageDigest(digest))
        .imageManifest(manifest)
        .imageManifestMediaType(mediaType)
        .build();
  }

  /**
   * Tags {@code image} (from {@link TagState#image}) with {@code tag}; a tag already there is a
   * no-op.
   */
  public static void tag(
      EcrClient ecr, String registryId, String repository, Image image, String tag, Log log)
      throws EcrDeployException {
    String digest = image.imageId().imageDigest();
    EcrCalls.call(
        "PutImage",
        () -> {
          try {
            ecr.putImage(
                r ->
                    r.registryId(registryId)
                        .repositoryName(repository)
                        .imageManifest(image.imageManifest())
                        .imageManifestMediaType(image.imageManifestMediaType())
                        .imageDigest(digest)
                        .imageTag(tag));
            log.info("Tagged " + repository + ":" + tag + " -> " + digest);
          } catch (ImageAlreadyExistsException e) {
            log.info("Tag " + tag + " already points at " + digest + ": nothing to do");
          } catch (ImageTagAlreadyExistsException e) {
            throw new EcrDeployException(
                "Tag '"
                    + tag
                    + "' already exists in the IMMUTABLE repository "
                    + repository
                    + " on another image; it cannot move to "
                    + digest,
                e);
          }
          return null;
        });
  }
}
