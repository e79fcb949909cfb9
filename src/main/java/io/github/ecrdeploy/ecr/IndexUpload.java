package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.image.ImageIndex;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;

/**
 * Puts the OCI image index that build wrote, unchanged, with {@code PutImage} by digest once its
 * platform images are in the repository, and checks ECR's digest equals build's.
 */
final class IndexUpload {
  private IndexUpload() {}

  /** Puts {@code index}; returns it as {@link TagWriter} needs it. */
  static Image put(EcrClient ecr, String registryId, String repository, ImageIndex index, Log log)
      throws EcrDeployException {
    String digest = index.digest();
    String manifest = new String(index.bytes(), StandardCharsets.UTF_8);
    EcrCalls.call(
        "PutImage",
        () -> {
          try {
            PutImageResponse response =
                ecr.putImage(
                    r ->
                        r.registryId(registryId)
                            .repositoryName(repository)
                            .imageManifest(manifest)
                            .imageManifestMediaType(ImageIndex.MEDIA_TYPE)
                            .imageDigest(digest));
            String put = response.image().imageId().imageDigest();
            if (!digest.equals(put)) {
              throw new EcrDeployException(
                  "ECR stored the image index as "
                      + put
                      + ", not as "
                      + digest
                      + " as build computed; no tag was moved");
            }
            log.info("Put the image index " + repository + "@" + digest);
          } catch (ImageAlreadyExistsException e) {
            log.info("The repository already has the image index " + digest);
          } catch (ImageDigestDoesNotMatchException e) {
            throw new EcrDeployException(
                "ECR computed another digest for the image index than build's "
                    + digest
                    + "; no tag was moved",
                e);
          } catch (ReferencedImagesNotFoundException e) {
            throw new EcrDeployException(
                "ECR refused the image index "
                    + digest
                    + " because a platform image is missing ("
                    + (e.awsErrorDetails() == null
                        ? e.getMessage()
                        : e.awsErrorDetails().errorMessage())
                    + "); no tag was moved: run deploy again",
                e);
          }
          return null;
        });
    return TagWriter.image(digest, ImageIndex.MEDIA_TYPE, manifest);
  }
}
