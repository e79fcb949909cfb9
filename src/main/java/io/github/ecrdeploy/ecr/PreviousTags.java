package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;

/**
 * Keeps the history of promoted tags in ECR: after {@code prod} moved, the image it left is tagged
 * {@code prod-previous}, so the last green release can be found from any CI runner.
 */
public final class PreviousTags {
  private final EcrClient ecr;
  private final String registryId;
  private final String repository;
  private final Log log;

  public PreviousTags(EcrClient ecr, String registryId, String repository, Log log) {
    this.ecr = ecr;
    this.registryId = registryId;
    this.repository = repository;
    this.log = log;
  }

  /**
   * Tags the image each of {@code tags} pointed at ({@code before}) with its previous tag, for the
   * tags that moved away from it to {@code newDigest}.
   *
   * @param previousTag the previous tag of a tag, empty when history is off
   * @return the previous tags written
   */
  public List<String> write(
      Map<String, String> before,
      String newDigest,
      List<String> tags,
      Function<String, Optional<String>> previousTag)
      throws EcrDeployException {
    List<String> written = new ArrayList<>();
    for (String tag : tags) {
      String left = before.get(tag);
      Optional<String> previous = previousTag.apply(tag);
      if (left == null || left.equals(newDigest) || previous.isEmpty()) {
        continue;
      }
      Image image =
          TagState.image(ecr, registryId, repository, left)
              .orElseThrow(
                  () ->
                      new EcrDeployException(
                          "ECR no longer has "
                              + left
                              + ", the image "
                              + tag
                              + " left; "
                              + previous.get()
                              + " was not written"));
      TagWriter.tag(ecr, registryId, repository, image, previous.get(), log);
      written.add(previous.get());
    }
    return written;
  }
}
