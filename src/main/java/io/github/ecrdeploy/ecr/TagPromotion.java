package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Moves tags such as {@code latest} or {@code prod} to an image that passed the health gate, all or
 * none: when one tag cannot move, the tags this promotion already moved are moved back to where
 * they pointed before.
 */
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

  /**
   * Fails when one of {@code tags} cannot move because it is immutable in the repository ({@link
   * TagMutability}); call before deploying.
   */
  public void checkMovable(List<String> tags) throws EcrDeployException {
    if (tags.isEmpty()) {
      return;
    }
    Repository repo = Repositories.describe(ecr, registryId, repository);
    TagMutability mutability = TagMutability.of(repo);
    if (TagMutability.everyTagImmutable(mutability.mode())) {
      throw immutable(tags, repository);
    }
    List<String> immutable = tags.stream().filter(mutability::isImmutable).toList();
    if (!immutable.isEmpty()) {
      throw new EcrDeployException(
          "<health><promoteTags> "
              + immutable
              + " cannot move in "
              + repository
              + ": "
              + String.join(
                  "; ",
                  immutable.stream()
                      .map(tag -> "tag '" + tag + "' is immutable (" + mutability.reason(tag) + ")")
                      .toList())
              + ". Promote other tags, or change the repository's tag mutability exclusion"
              + " filters.");
    }
  }

  /** The failure for {@code <promoteTags>} in a repository whose tags are all IMMUTABLE. */
  public static EcrDeployException immutable(List<String> tags, String repository) {
    return new EcrDeployException(
        "<health><promoteTags> "
            + tags
            + " cannot move in "
            + repository
            + ": its tags are IMMUTABLE. Promote in a MUTABLE repository or remove <promoteTags>.");
  }

  /**
   * Points every tag at {@code digest} (a tag already there is a no-op). When a tag fails, the tags
   * moved so far are moved back before the failure is thrown, so a failed promotion leaves every
   * promoted tag where it was.
   */
  public void promote(String digest, List<String> tags) throws EcrDeployException {
    if (tags.isEmpty()) {
      return;
    }
    Image image =
        TagState.image(ecr, registryId, repository, digest)
            .orElseThrow(
                () ->
                    new EcrDeployException(
                        "ECR has no image " + digest + " in " + repository + " to promote"));
    Map<String, String> before = TagState.digestsOf(ecr, registryId, repository, tags);
    List<String> moved = new ArrayList<>();
    for (String tag : tags) {
      if (digest.equals(before.get(tag))) {
        log.info("Tag " + tag + " already points at " + digest + ": nothing to do");
        continue;
      }
      try {
        TagWriter.tag(ecr, registryId, repository, image, tag, log);
      } catch (EcrDeployException e) {
        throw new EcrDeployException(e.getMessage() + " " + rollBack(moved, before), e);
      }
      moved.add(tag);
    }
  }

  /**
   * Moves {@code moved} back to their digests in {@code before}; says what became of them, in one
   * sentence.
   */
  private String rollBack(List<String> moved, Map<String, String> before) {
    if (moved.isEmpty()) {
      return "No promoted tag was moved.";
    }
    List<String> stuck = new ArrayList<>();
    for (String tag : moved) {
      try {
        String previous = before.get(tag);
        if (previous == null) {
          // BatchDeleteImage answers 200 with failures[] for ids it could not delete (API
          // reference): a tag listed there is still in place
          List<ImageFailure> failures =
              ecr.batchDeleteImage(
                      r ->
                          r.registryId(registryId)
                              .repositoryName(repository)
                              .imageIds(i -> i.imageTag(tag)))
                  .failures();
          if (!failures.isEmpty()) {
            log.warn(
                "Removing tag "
                    + tag
                    + " again failed: "
                    + failures.get(0).failureCodeAsString()
                    + ": "
                    + failures.get(0).failureReason());
            stuck.add(tag);
            continue;
          }
          log.warn("Removed tag " + tag + " again: it did not exist before this promotion");
        } else {
          Optional<Image> old = TagState.image(ecr, registryId, repository, previous);
          if (old.isEmpty()) {
            stuck.add(tag);
            continue;
          }
          TagWriter.tag(ecr, registryId, repository, old.get(), tag, log);
          log.warn("Moved tag " + tag + " back to " + previous);
        }
      } catch (EcrDeployException | AwsServiceException | SdkClientException e) {
        stuck.add(tag);
      }
    }
    if (stuck.isEmpty()) {
      return "The tags " + moved + " that had moved were moved back; no promoted tag changed.";
    }
    return "Moving back "
        + stuck
        + " failed as well: they point at the new image now; run deploy again to finish the"
        + " promotion.";
  }
}
