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
 * In another account's registry ({@link EcrEmulator#addAccount}) the callers' account may upload
 * into and read from a created repository only when its repository policy grants the action ({@code
 * ecr:InitiateLayerUpload} for an upload, {@code ecr:PutImage} for a manifest push, {@code
 * ecr:BatchGetImage} for a manifest read, {@code ecr:BatchCheckLayerAvailability} for a blob {@code
 * HEAD}, {@code ecr:GetDownloadUrlForLayer} for a blob read): else {@code 403 DENIED} with IAM's
 * "is not authorized to perform" message, as docker shows it for ECR
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html: "the user or
 * role must have permissions in both the identity policy and the repository policy").
 *
 * <p>Reads from repositories nobody created are never refused (the test bed's base images live
 * there). Tests can also make the registry throttle ({@link EcrEmulator#failRegistryNext}): ECR's
 * registry answers {@code 429 TOOMANYREQUESTS} when a client exceeds its rate of registry API
 * requests (https://docs.aws.amazon.com/AmazonECR/latest/userguide/common-errors-docker.html,
 * "Error: toomanyrequests: Rate exceeded"; service quotas: rates of layer uploads and image
 * pushes).
 */
final class EcrRegistryRules implements RegistryFront.Policy {

  private static final Pattern UPLOAD_START = Pattern.compile("/v2/(.+)/blobs/uploads/?");
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]+)");

  private final EmulatorState state;
  private final String caller;

  /**
   * @param state the registry's account
   * @param caller the account whose tokens the registry gets
   */
  EcrRegistryRules(EmulatorState state, String caller) {
    this.state = state;
    this.caller = caller;
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
    Matcher blob = BLOB.matcher(path);
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (read && manifest.matches()) {
      return refuse(notGranted(manifest.group(1), "ecr:BatchGetImage"), method, path);
    }
    if (read && blob.matches()) {
      String action =
          method.equals("HEAD") ? "ecr:BatchCheckLayerAvailability" : "ecr:GetDownloadUrlForLayer";
      return refuse(notGranted(blob.group(1), action), method, path);
    }
    if (method.equals("POST") && upload.matches()) {
      Optional<RegistryFront.Refusal> refusal = unknownRepository(upload.group(1));
      if (refusal.isEmpty()) {
        refusal = notGranted(upload.group(1), "ecr:InitiateLayerUpload");
      }
      return refuse(refusal, method, path);
    }
    if (method.equals("PUT") && manifest.matches()) {
      String repository = manifest.group(1);
      String reference = manifest.group(2);
      Optional<RegistryFront.Refusal> refusal = unknownRepository(repository);
      if (refusal.isEmpty()) {
        refusal = notGranted(repository, "ecr:PutImage");
      }
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
                + state.registryId
                + "'"));
  }

  /**
   * {@code 403 DENIED} when the callers' account may not run {@code action} on a created repository
   * of another account.
   */
  private Optional<RegistryFront.Refusal> notGranted(String repositoryName, String action) {
    synchronized (state) {
      RepositoryRecord repository = state.repositories.get(repositoryName);
      if (caller.equals(state.registryId)
          || repository == null
          || (repository.policy != null && repository.policy.allows(caller, action))) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new RegistryFront.Refusal(
            403,
            "DENIED",
            "User: arn:aws:iam::"
                + caller
                + ":user/emulator is not authorized to perform: "
                + action
                + " on resource: arn:aws:ecr:"
                + EmulatorState.DEFAULT_REGION
                + ":"
                + state.registryId
                + ":repository/"
                + repositoryName
                + " because no resource-based policy allows the "
                + action
                + " action"));
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
