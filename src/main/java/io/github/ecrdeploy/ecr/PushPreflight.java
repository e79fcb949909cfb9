package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * The checks before a push uploads anything, and the one lookup they need: the registry login, the
 * repository (created when missing and allowed), which of the pushed images (the image, or the
 * index and each platform's image) the repository already holds, and which tags stay and which
 * move. The login, the repository and the image/tag lookup are three ECR calls made at the same
 * time; tag conflicts in IMMUTABLE repositories fail here.
 *
 * @param images the pushed images the repository already has, by digest
 * @param unchanged tags that already point at the digest
 * @param toMove tags to create or move once the image is complete
 */
record PushPreflight(
    RegistryCredentials login,
    Repository repository,
    Map<String, Image> images,
    List<String> unchanged,
    List<String> toMove) {

  /**
   * @param digests the pushed digest first, then those of the images it refers to (an index's
   *     platform images)
   * @param what how the conflict message names the pushed digest, e.g. "this build" or "this
   *     build's image index"
   */
  static PushPreflight check(
      EcrClient ecr,
      RegistryLogin logins,
      EcrPush.Request request,
      List<String> digests,
      String what,
      Log log)
      throws EcrDeployException {
    EcrConnection connection = request.connection();
    String registryId = connection.registryId();
    String name = request.repository();
    String digest = digests.get(0);
    RegistryCredentials login;
    Repository repository;
    TagState.Snapshot snapshot;
    try (ParallelCalls calls = new ParallelCalls()) {
      // a failed login (credentials, permissions) is reported before the other two
      ParallelCalls.Pending<RegistryCredentials> loginCall =
          calls.start(() -> logins.credentials(ecr, connection, log));
      ParallelCalls.Pending<Optional<Repository>> repositoryCall =
          calls.start(
              () -> Repositories.find(ecr, registryId, name, request.repositoryConfig(), log));
      ParallelCalls.Pending<TagState.Snapshot> snapshotCall =
          calls.start(() -> TagState.snapshot(ecr, registryId, name, digests, request.tags()));
      login = loginCall.get();
      Optional<Repository> existing = repositoryCall.get();
      repository =
          existing.isPresent()
              ? existing.get()
              : Repositories.create(
                  ecr,
                  registryId,
                  name,
                  request.createRepository(),
                  request.repositoryConfig(),
                  log);
      snapshot = existing.isPresent() ? snapshotCall.get() : TagState.Snapshot.EMPTY;
    }
    boolean immutable = TagMutability.isImmutable(repository.imageTagMutabilityAsString());
    List<String> unchanged = new ArrayList<>();
    List<String> toMove = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (String tag : request.tags()) {
      String now = snapshot.tagDigests().get(tag);
      if (digest.equals(now)) {
        unchanged.add(tag);
      } else if (now != null && immutable) {
        conflicts.add("tag '" + tag + "' points at " + now + ", " + what + " is " + digest);
      } else {
        toMove.add(tag);
      }
    }
    if (!conflicts.isEmpty()) {
      throw new EcrDeployException(
          "The repository "
              + name
              + " has IMMUTABLE tags, and "
              + String.join("; ", conflicts)
              + ". Nothing was pushed. Use a new tag (e.g. a new <version>) or make the repository"
              + " MUTABLE.");
    }
    for (String tag : unchanged) {
      log.info("Tag " + tag + " already points at " + digest + ": nothing to do");
    }
    return new PushPreflight(login, repository, snapshot.images(), unchanged, toMove);
  }

  /** Whether the repository already has the image with {@code digest}. */
  boolean has(String digest) {
    return images.containsKey(digest);
  }
}
