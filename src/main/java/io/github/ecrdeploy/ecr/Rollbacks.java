package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Plans and finishes a roll-back of promoted tags: {@link #plan} checks everything before anything
 * runs (previous image present and still in ECR, tags movable); {@link #swap} moves each promoted
 * tag to the roll-back image and its previous tag to the image it left, so that a second roll-back
 * rolls forward.
 */
public final class Rollbacks {
  private final EcrClient ecr;
  private final String registryId;
  private final String repository;
  private final Log log;

  public Rollbacks(EcrClient ecr, String registryId, String repository, Log log) {
    this.ecr = ecr;
    this.registryId = registryId;
    this.repository = repository;
    this.log = log;
  }

  /**
   * Checks the roll-back of {@code promoteTags} to {@code to} (a tag or {@code sha256:} digest), or
   * by default to the image of the first tag's previous tag.
   *
   * @throws EcrDeployException with what to fix when it cannot be done
   */
  public RollbackPlan plan(
      List<String> promoteTags, Function<String, Optional<String>> previousTag, String to)
      throws EcrDeployException {
    if (promoteTags.isEmpty()) {
      throw new EcrDeployException(
          "ecr-deploy:rollback moves <health><promoteTags>, and none are configured: add e.g."
              + " <promoteTags><tag>prod</tag></promoteTags> to <health>");
    }
    String first = promoteTags.get(0);
    Repository repo = Repositories.describe(ecr, registryId, repository);
    TagMutability mutability = TagMutability.of(repo);
    List<String> moving = new ArrayList<>(promoteTags);
    promoteTags.forEach(tag -> previousTag.apply(tag).ifPresent(moving::add));
    if (TagMutability.everyTagImmutable(mutability.mode())) {
      throw new EcrDeployException(
          "Cannot roll back: <health><promoteTags> "
              + promoteTags
              + " cannot move in "
              + repository
              + ", its tags are IMMUTABLE. Nothing was run.");
    }
    List<String> immutable = moving.stream().filter(mutability::isImmutable).toList();
    if (!immutable.isEmpty()) {
      throw new EcrDeployException(
          "Cannot roll back: "
              + String.join(
                  "; ",
                  immutable.stream()
                      .map(tag -> "tag '" + tag + "' is immutable (" + mutability.reason(tag) + ")")
                      .toList())
              + " in "
              + repository
              + ", so <health><promoteTags> "
              + promoteTags
              + " cannot move. Nothing was run.");
    }
    List<String> known = new ArrayList<>(moving);
    boolean byDigest = to != null && to.startsWith("sha256:");
    if (to != null && !byDigest && !known.contains(to)) {
      known.add(to);
    }
    Map<String, String> now = TagState.digestsOf(ecr, registryId, repository, known);
    String from = now.get(first);
    if (from == null) {
      throw new EcrDeployException(
          "Cannot roll back: "
              + first
              + " (the first of <health><promoteTags>) points at no image in "
              + repository
              + ". Nothing was run.");
    }
    String target;
    if (to == null) {
      Optional<String> previous = previousTag.apply(first);
      target = previous.map(now::get).orElse(null);
      if (target == null) {
        throw new EcrDeployException(
            "Cannot roll back: no previous image, "
                + previous
                    .map(p -> p + " does not exist in " + repository)
                    .orElse("<health><previousTagSuffix> is empty")
                + " (a first release has none). Nothing was run. Choose an image with"
                + " -Decr.rollback.to=<tag or sha256:digest>.");
      }
    } else if (byDigest) {
      target = to;
    } else {
      target = now.get(to);
      if (target == null) {
        throw new EcrDeployException(
            "Cannot roll back: -Decr.rollback.to="
                + to
                + ": no tag "
                + to
                + " in "
                + repository
                + " (expired by the lifecycle policy, or never pushed). Nothing was run.");
      }
    }
    if (TagState.image(ecr, registryId, repository, target).isEmpty()) {
      throw new EcrDeployException(
          "Cannot roll back: "
              + target
              + " is no longer in "
              + repository
              + " (expired by the lifecycle policy?). Nothing was run.");
    }
    if (target.equals(from)) {
      throw new EcrDeployException(
          "Cannot roll back: " + first + " already points at " + target + ". Nothing was run.");
    }
    Map<String, String> before = new LinkedHashMap<>();
    List<String> targetTags = new ArrayList<>();
    for (String tag : known) {
      if (now.containsKey(tag)) {
        before.put(tag, now.get(tag));
        if (now.get(tag).equals(target)) {
          targetTags.add(tag);
        }
      }
    }
    return new RollbackPlan(repo.repositoryUri(), from, target, targetTags, before);
  }

  /**
   * Moves each of {@code promoteTags} to the plan's image and its previous tag to the image it
   * left.
   *
   * @return the tags moved, in order
   */
  public List<String> swap(
      RollbackPlan plan, List<String> promoteTags, Function<String, Optional<String>> previousTag)
      throws EcrDeployException {
    Image target = image(plan.to());
    List<String> moved = new ArrayList<>();
    try {
      for (String tag : promoteTags) {
        String left = plan.before().get(tag);
        if (!plan.to().equals(left)) {
          TagWriter.tag(ecr, registryId, repository, target, tag, log);
          moved.add(tag);
        }
        Optional<String> previous = previousTag.apply(tag);
        if (previous.isPresent() && left != null && !left.equals(plan.to())) {
          TagWriter.tag(ecr, registryId, repository, image(left), previous.get(), log);
          moved.add(previous.get());
        }
      }
    } catch (EcrDeployException e) {
      throw new EcrDeployException(
          e.getMessage() + " The roll-back image is running; tags moved so far: " + moved, e);
    }
    return moved;
  }

  private Image image(String digest) throws EcrDeployException {
    return TagState.image(ecr, registryId, repository, digest)
        .orElseThrow(
            () -> new EcrDeployException("ECR no longer has " + digest + " in " + repository));
  }
}
