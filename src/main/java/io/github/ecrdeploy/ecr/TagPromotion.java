package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.List;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.Repository;

/** Moves tags such as {@code latest} or {@code prod} to an image that passed the health gate. */
public final class TagPromotion {
  private final EcrClient ecr;
  private final String registryId;
  private final String repository;
  private final Log log;

  public TagPromotion(EcrClient ecr, String registryId, String repository, Log log) {
    this.ecr = ecr;
    this.registryId = registryId;
    this.repository = repository;
    this.log = log;
  }

  /** Fails when {@code tags} cannot move because the repository's tags are IMMUTABLE; call before deploying. */
  public void checkMovable(List<String> tags) throws EcrDeployException {
    if (tags.isEmpty()) {
      return;
    }
    Repository repo =
        EcrCalls.call(
                "DescribeRepositories",
                () -> ecr.describeRepositories(r -> r.registryId(registryId).repositoryNames(repository)))
            .repositories()
            .get(0);
    if ("IMMUTABLE".equals(repo.imageTagMutabilityAsString())) {
      throw new EcrDeployException(
          "<health><promoteTags> "
              + tags
              + " cannot move in "
              + repository
              + ": its tags are IMMUTABLE. Promote in a MUTABLE repository or remove <promoteTags>.");
    }
  }

  /** Points every tag at {@code digest} (a tag already there is a no-op). */
  public void promote(String digest, List<String> tags) throws EcrDeployException {
    if (tags.isEmpty()) {
      return;
    }
    Image image =
        TagState.image(ecr, registryId, repository, digest)
            .orElseThrow(() -> new EcrDeployException("ECR has no image " + digest + " in " + repository + " to promote"));
    for (String tag : tags) {
      TagWriter.tag(ecr, registryId, repository, image, tag, log);
    }
  }
}
