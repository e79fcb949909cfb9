package io.github.ecrdeploy.ecr;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.image.BaseImage;
import io.github.ecrdeploy.image.BuiltImage;
import io.github.ecrdeploy.image.ContainerPlanner;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.ImageBuildException;
import io.github.ecrdeploy.image.ImageBuilder;
import io.github.ecrdeploy.image.ImageLayer;
import io.github.ecrdeploy.image.JibFailures;
import io.github.ecrdeploy.image.JibLog;
import io.github.ecrdeploy.image.PushProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The upload through Jib: pushes the image of a {@link ContainerSpec} to a registry by digest (no
 * tag moves here); layers already in the registry are skipped, layers in build's application layer
 * cache are not rebuilt or recompressed. Each attempt first checks that the registry is reachable
 * (so an unreachable registry fails in seconds, not after Jib's own minute of retries per request);
 * failed attempts are retried with exponential backoff as {@link RegistryRetry} decides, each retry
 * logged with its cause, and every attempt checks every blob again, so a retry uploads only what is
 * still missing. An attempt's upload threads have ended before the next attempt starts.
 */
public final class JibUpload {
  /**
   * Supplies registry credentials; {@code fresh} asks for a new token after the registry rejected
   * the old one.
   */
  @FunctionalInterface
  public interface Login {
    RegistryCredentials credentials(boolean fresh) throws EcrDeployException;
  }

  private final Path baseLayersCache;
  private final boolean allowInsecureRegistries;
  private final int retries;
  private final PushProgress.Mode progress;
  private final Log log;

  /**
   * @param progress how much to report about each layer's upload
   */
  public JibUpload(
      Path baseLayersCache,
      boolean allowInsecureRegistries,
      int retries,
      PushProgress.Mode progress,
      Log log) {
    this.baseLayersCache = baseLayersCache;
    this.allowInsecureRegistries = allowInsecureRegistries;
    this.retries = retries;
    this.progress = progress;
    this.log = log;
  }

  /**
   * Pushes {@code spec}'s image to {@code repository@}{@code built}'s digest, with the application
   * layer cache build used for it. The registry itself rejects a manifest whose digest is not
   * build's, so what lands is exactly the image {@code build} described. The upload of each of
   * {@code missingLayers} is reported as {@link PushProgress} says.
   */
  public void upload(
      ContainerSpec spec,
      BaseImage.Credentials baseCredentials,
      Login login,
      String repository,
      BuiltImage built,
      List<ImageLayer> missingLayers)
      throws EcrDeployException {
    String expectedDigest = built.digest();
    Path applicationLayersCache = built.outputDirectory().resolve(ImageBuilder.LAYER_CACHE);
    PushProgress uploads = new PushProgress(progress, repository, missingLayers, log);
    boolean freshToken = false;
    for (int attempt = 1; ; attempt++) {
      RegistryCredentials target = login.credentials(freshToken);
      TransportPolicy.check(target, allowInsecureRegistries);
      try {
        RegistryReachability.check(target, !allowInsecureRegistries);
        JibContainer pushed =
            pushOnce(
                spec,
                baseCredentials,
                target,
                repository,
                expectedDigest,
                applicationLayersCache,
                ImageBuilder.baseLayersCacheForPush(built, missingLayers, baseLayersCache),
                uploads);
        if (!pushed.getDigest().toString().equals(expectedDigest)) {
          throw new EcrDeployException(
              "The pushed image has digest "
                  + pushed.getDigest()
                  + " but build produced "
                  + expectedDigest
                  + ": the inputs changed between build and push; run package and deploy in one"
                  + " build");
        }
        return;
      } catch (EcrDeployException e) {
        throw e;
      } catch (ImageBuildException e) {
        throw new EcrDeployException(e.getMessage(), e);
      } catch (ExecutionException | RegistryException | IOException e) {
        Throwable cause =
            e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        RegistryRetry.Decision decision = RegistryRetry.decide(cause);
        if (decision == RegistryRetry.Decision.RETRY_WITH_NEW_TOKEN && freshToken) {
          decision = RegistryRetry.Decision.GIVE_UP;
        }
        if (decision == RegistryRetry.Decision.GIVE_UP || attempt > retries) {
          String reason = JibFailures.describe(cause);
          throw new EcrDeployException(
              "Pushing to "
                  + target.host()
                  + "/"
                  + repository
                  + " failed"
                  + (attempt > 1 ? " after " + attempt + " attempts" : "")
                  + ": "
                  + reason
                  + (decision == RegistryRetry.Decision.RETRY
                      ? (reason.endsWith("?") ? "" : ".")
                          + " No tag was moved: run deploy again when the registry answers, or"
                          + " raise <retries> (ecr.retries)"
                      : ""),
              cause);
        }
        freshToken = decision == RegistryRetry.Decision.RETRY_WITH_NEW_TOKEN;
        long wait = RegistryRetry.backoffMillis(attempt);
        log.warn(
            "Push attempt "
                + attempt
                + " of "
                + (retries + 1)
                + " failed ("
                + JibFailures.describe(cause)
                + "); retrying in "
                + wait
                + " ms"
                + (freshToken ? " with a new registry token" : ""));
        sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EcrDeployException("Interrupted while pushing", e);
      } catch (Exception e) {
        throw new EcrDeployException(
            "Pushing to " + target.host() + " failed: " + JibFailures.describe(e), e);
      }
    }
  }

  private JibContainer pushOnce(
      ContainerSpec spec,
      BaseImage.Credentials baseCredentials,
      RegistryCredentials target,
      String repository,
      String digest,
      Path applicationLayersCache,
      Path baseCache,
      PushProgress uploads)
      throws Exception {
    RegistryImage image;
    try {
      image = RegistryImage.named(target.host() + "/" + repository + "@" + digest);
    } catch (InvalidImageReferenceException e) {
      throw new EcrDeployException(
          "Cannot address " + target.host() + "/" + repository + "@" + digest, e);
    }
    image.addCredential(target.username(), target.password());
    try (UploadThreads threads = new UploadThreads()) {
      Containerizer containerizer =
          Containerizer.to(image)
              .setExecutorService(threads.pool())
              .setApplicationLayersCache(applicationLayersCache)
              .setBaseImageLayersCache(baseCache)
              .setAllowInsecureRegistries(allowInsecureRegistries)
              .setToolName("ecr-deploy-maven-plugin")
              .addEventHandler(LogEvent.class, event -> JibLog.forward(event, log))
              .addEventHandler(ProgressEvent.class, uploads::onProgress);
      return ContainerPlanner.plan(spec, baseCredentials).containerize(containerizer);
    }
  }

  private static void sleep(long millis) throws EcrDeployException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EcrDeployException("Interrupted while waiting to retry the push", e);
    }
  }
}
