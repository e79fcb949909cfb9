package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/** Finds the target repository or creates it when asked; never changes an existing one. */
public final class Repositories {
  private Repositories() {}

  /**
   * The repository, which must exist (one {@code DescribeRepositories}); a missing one fails with
   * ECR's error.
   */
  static Repository describe(EcrClient ecr, String registryId, String name)
      throws EcrDeployException {
    return EcrCalls.call(
            "DescribeRepositories",
            () -> ecr.describeRepositories(r -> r.registryId(registryId).repositoryNames(name)))
        .repositories()
        .get(0);
  }

  /**
   * The repository, if it exists (one {@code DescribeRepositories}); warns when its settings differ
   * from {@code settings}, which only apply on creation.
   */
  public static Optional<Repository> find(
      EcrClient ecr, String registryId, String name, RepositoryConfig settings, Log log)
      throws EcrDeployException {
    return EcrCalls.call(
        "DescribeRepositories",
        () -> {
          try {
            Repository existing =
                ecr.describeRepositories(
                        DescribeRepositoriesRequest.builder()
                            .registryId(registryId)
                            .repositoryNames(name)
                            .build())
                    .repositories()
                    .get(0);
            warnAboutDifferences(existing, settings, log);
            return Optional.of(existing);
          } catch (RepositoryNotFoundException e) {
            return Optional.empty();
          }
        });
  }

  /**
   * Creates the missing repository with {@code settings} when {@code create} is set.
   *
   * @throws EcrDeployException when it must not be created
   */
  public static Repository create(
      EcrClient ecr,
      String registryId,
      String name,
      boolean create,
      RepositoryConfig settings,
      Log log)
      throws EcrDeployException {
    if (!create) {
      throw new EcrDeployException(
          "The ECR repository '"
              + name
              + "' does not exist and <createRepository> is false: create it (aws ecr"
              + " create-repository --repository-name "
              + name
              + ") or set <createRepository>true (ecr.createRepository)");
    }
    CreateRepositoryRequest.Builder request =
        CreateRepositoryRequest.builder()
            .registryId(registryId)
            .repositoryName(name)
            .imageTagMutability(settings.mutability())
            .imageScanningConfiguration(c -> c.scanOnPush(settings.isScanOnPush()));
    List<String> exclusions = settings.tagMutabilityWithExclusions().exclusionFilters();
    if (!exclusions.isEmpty()) {
      request.imageTagMutabilityExclusionFilters(
          exclusions.stream()
              .map(
                  f -> ImageTagMutabilityExclusionFilter.builder().filterType("WILDCARD").filter(f))
              .map(ImageTagMutabilityExclusionFilter.Builder::build)
              .toList());
    }
    if (settings.encryption() != null) {
      EncryptionConfiguration.Builder encryption =
          EncryptionConfiguration.builder().encryptionType(settings.encryption());
      if (settings.getKmsKey() != null && !settings.getKmsKey().isBlank()) {
        encryption.kmsKey(settings.getKmsKey());
      }
      request.encryptionConfiguration(encryption.build());
    }
    if (settings.getResourceTags() != null && !settings.getResourceTags().isEmpty()) {
      request.tags(
          settings.getResourceTags().entrySet().stream()
              .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
              .toList());
    }
    // RepositoryAlreadyExistsException: another build created it since our DescribeRepositories,
    // or an earlier attempt of this very call succeeded and its answer was lost before the SDK
    // retried it: use it as it is.
    Optional<Repository> created;
    try {
      created =
          EcrCalls.call(
              "CreateRepository",
              () -> {
                try {
                  return Optional.of(ecr.createRepository(request.build()).repository());
                } catch (RepositoryAlreadyExistsException e) {
                  return Optional.empty();
                }
              });
    } catch (EcrDeployException e) {
      throw registryId == null || !isAccessDenied(e) ? e : notInOwnRegistry(registryId, name, e);
    }
    if (created.isEmpty()) {
      Repository existing =
          find(ecr, registryId, name, settings, log)
              .orElseThrow(
                  () ->
                      new EcrDeployException(
                          "ECR CreateRepository answered that "
                              + name
                              + " already exists, but DescribeRepositories does not find it: run"
                              + " deploy again"));
      log.info(
          "ECR repository "
              + name
              + " already exists (created by another build, or by an earlier attempt of this"
              + " CreateRepository whose answer was lost): using it");
      return existing;
    }
    log.info(
        "Created ECR repository "
            + name
            + " (tags "
            + settings.mutability()
            + (exclusions.isEmpty() ? "" : " except " + exclusions)
            + ", scan on push "
            + settings.isScanOnPush()
            + (settings.encryption() == null ? "" : ", encryption " + settings.encryption())
            + ")");
    return created.get();
  }

  private static boolean isAccessDenied(EcrDeployException e) {
    return e.getCause() instanceof AwsServiceException service
        && service.awsErrorDetails() != null
        && "AccessDeniedException".equals(service.awsErrorDetails().errorCode());
  }

  /**
   * Another account's registry lets a caller create a repository only when its registry policy
   * grants {@code ecr:CreateRepository}, and even then the repository policy a push needs can only
   * be set by that account (ecr-api.md, field notes; aws/containers-roadmap#2460).
   */
  private static EcrDeployException notInOwnRegistry(
      String registryId, String name, EcrDeployException e) {
    return new EcrDeployException(
        e.getMessage()
            + " <registryId> (ecr.registryId) names the registry of account "
            + registryId
            + ": a repository there is created by that account (its registry policy does not grant"
            + " you ecr:CreateRepository, and you could not set the repository policy a push"
            + " needs). Ask the administrator of account "
            + registryId
            + " to create '"
            + name
            + "' and to grant your role push access in its repository policy (docs/push.md,"
            + " \"Pushing to another account's registry\").",
        e);
  }

  private static String describe(TagMutability mutability) {
    return mutability.exclusionFilters().isEmpty()
        ? mutability.mode()
        : mutability.mode() + " " + mutability.exclusionFilters();
  }

  private static void warnAboutDifferences(Repository existing, RepositoryConfig wanted, Log log) {
    List<String> differences = new ArrayList<>();
    TagMutability actual = TagMutability.of(existing);
    if (!wanted.tagMutabilityWithExclusions().equals(actual)) {
      differences.add(
          "tagMutability "
              + describe(actual)
              + " (configured "
              + describe(wanted.tagMutabilityWithExclusions())
              + ")");
    }
    if (existing.imageScanningConfiguration() != null
        && existing.imageScanningConfiguration().scanOnPush() != null
        && existing.imageScanningConfiguration().scanOnPush() != wanted.isScanOnPush()) {
      differences.add(
          "scanOnPush "
              + existing.imageScanningConfiguration().scanOnPush()
              + " (configured "
              + wanted.isScanOnPush()
              + ")");
    }
    if (wanted.encryption() != null
        && existing.encryptionConfiguration() != null
        && !wanted
            .encryption()
            .equals(existing.encryptionConfiguration().encryptionTypeAsString())) {
      differences.add(
          "encryptionType "
              + existing.encryptionConfiguration().encryptionTypeAsString()
              + " (configured "
              + wanted.encryption()
              + ")");
    }
    if (!differences.isEmpty()) {
      log.warn(
          "ECR repository "
              + existing.repositoryName()
              + " exists with other settings: "
              + String.join(", ", differences)
              + ". Nothing is changed; <repositorySettings> only applies when the repository is"
              + " created.");
    }
  }
}
