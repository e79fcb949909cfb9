package io.github.ecrdeploy.testbed;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ECR's registry API refuses and the plain registry would accept, as a {@link RegistryFront}
 * policy over the emulator's state:
 *
 * <ul>
 *   <li>a blob upload or a manifest push into a repository that was never created: {@code 404
 *       NAME_UNKNOWN}, "The repository with name '…' does not exist in the registry with id '…'"
 *       (https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors-docker.html; ECR
 *       creates repositories on push only through a CREATE_ON_PUSH creation template, ecr-api.md
 *       §2.4.3);
 *   <li>a manifest pushed by a tag that already exists and is immutable in the repository (all four
 *       tag mutability modes, {@link RepositoryRecord#isImmutable}), even with the same digest:
 *       {@code 400 TAG_INVALID}, "The image tag '…' already exists in the '…' repository and cannot
 *       be overwritten because the tag is immutable." (ecr-api.md §3; quoted from real ECR in
 *       aws/containers-roadmap#862 and osscontainertools/kaniko PR 204; the status 400 is
 *       unverified).
 * </ul>
 *
 * Reads are never refused (the test bed's base images live in repositories nobody created). Tests
 * can also make the registry throttle ({@link EcrEmulator#failRegistryNext}): ECR's registry
 * answers {@code 429 TOOMANYREQUESTS} when a client exceeds its rate of registry API requests
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors-docker.html, "Error:
 * toomanyrequests: Rate exceeded"; service quotas: rates of layer uploads and image pushes).
 */
final class EcrRegistryRules implements RegistryFront.Policy {

  private static final Pattern UPLOAD_START = Pattern.compile("/v2/(.+)/blobs/uploads/?");
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

  private final EmulatorState state;

  EcrRegistryRules(EmulatorState state) {
    this.state = state;
  }

  @Override
  public Optional<RegistryFront.Refusal> check(String method, String path) {
    Optional<RegistryFront.Refusal> injected;
    synchronized (state) {
      injected = state.registryFaults.next(method, path);
    }
    if (injected.isPresent()) {
      return refuse(injected, method, path);
    }
    Matcher upload = UPLOAD_START.matcher(path);
    Matcher manifest = MANIFEST.matcher(path);
    if (method.equals("POST") && upload.matches()) {
      return refuse(unknownRepository(upload.group(1)), method, path);
    }
    if (method.equals("PUT") && manifest.matches()) {
      String repository = manifest.group(1);
      String reference = manifest.group(2);
      Optional<RegistryFront.Refusal> refusal = unknownRepository(repository);
      if (refusal.isEmpty() && !reference.contains(":")) {
        refusal = immutableTag(repository, reference);
      }
      return refuse(refusal, method, path);
    }
    return Optional.empty();
  }

  private Optional<RegistryFront.Refusal> refuse(
      Optional<RegistryFront.Refusal> refusal, String method, String path) {
    refusal.ifPresent(
        r -> {
          synchronized (state) {
            state.registryRefusals.add(method + " " + path + ": " + r.status() + " " + r.code());
          }
        });
    return refusal;
  }

  private Optional<RegistryFront.Refusal> unknownRepository(String repository) {
    synchronized (state) {
      if (state.repositories.containsKey(repository)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new RegistryFront.Refusal(
            404,
            "NAME_UNKNOWN",
            "The repository with name '"
                + repository
                + "' does not exist in the registry with id '"
                + EmulatorState.REGISTRY_ID
                + "'"));
  }

  private Optional<RegistryFront.Refusal> immutableTag(String repositoryName, String tag) {
    synchronized (state) {
      RepositoryRecord repository = state.repositories.get(repositoryName);
      if (!repository.isImmutable(tag)) {
        return Optional.empty();
      }
      state.images.refresh(repository);
      if (repository.imageByTag(tag).isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new RegistryFront.Refusal(
            400,
            "TAG_INVALID",
            "The image tag '"
                + tag
                + "' already exists in the '"
                + repositoryName
                + "' repository and cannot be overwritten because the tag is immutable."));
  }
}
