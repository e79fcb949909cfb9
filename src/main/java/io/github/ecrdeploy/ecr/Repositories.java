package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/** Finds the target repository or creates it when asked; never changes an existing one. */
public final class Repositories {
  private Repositories() {}

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
    Repository created =
        EcrCalls.call("CreateRepository", () -> ecr.createRepository(request.build())).repository();
    log.info(
        "Created ECR repository "
            + name
            + " (tags "
            + settings.mutability()
            + ", scan on push "
            + settings.isScanOnPush()
            + (settings.encryption() == null ? "" : ", encryption " + settings.encryption())
            + ")");
    return created;
  }

  private static void warnAboutDifferences(Repository existing, RepositoryConfig wanted, Log log) {
    List<String> differences = new ArrayList<>();
    if (!wanted.mutability().equals(existing.imageTagMutabilityAsString())) {
      differences.add(
          "tagMutability "
              + existing.imageTagMutabilityAsString()
              + " (configured "
              + wanted.mutability()
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
