package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/** Finds the target repository, creating it when asked; never changes an existing one. */
public final class Repositories {
  private Repositories() {}

  /**
   * Returns the repository, creating it with {@code settings} when it is missing and {@code create} is set.
   *
   * @throws EcrDeployException when it is missing and must not be created
   */
  public static Repository ensure(
      EcrClient ecr, String registryId, String name, boolean create, RepositorySettings settings, Log log)
      throws EcrDeployException {
    try {
      Repository existing =
          ecr.describeRepositories(
                  DescribeRepositoriesRequest.builder().registryId(registryId).repositoryNames(name).build())
              .repositories()
              .get(0);
      warnAboutDifferences(existing, settings, log);
      return existing;
    } catch (RepositoryNotFoundException e) {
      if (!create) {
        throw new EcrDeployException(
            "The ECR repository '"
                + name
                + "' does not exist and <createRepository> is false: create it (aws ecr create-repository"
                + " --repository-name "
                + name
                + ") or set <createRepository>true (ecr.createRepository)");
      }
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      throw EcrCalls.serviceFailure("DescribeRepositories", e);
    } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
      throw EcrCalls.clientFailure("DescribeRepositories", e);
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

  private static void warnAboutDifferences(Repository existing, RepositorySettings wanted, Log log) {
    List<String> differences = new ArrayList<>();
    if (!wanted.mutability().equals(existing.imageTagMutabilityAsString())) {
      differences.add("tagMutability " + existing.imageTagMutabilityAsString() + " (configured " + wanted.mutability() + ")");
    }
    if (existing.imageScanningConfiguration() != null
        && existing.imageScanningConfiguration().scanOnPush() != null
        && existing.imageScanningConfiguration().scanOnPush() != wanted.isScanOnPush()) {
      differences.add(
          "scanOnPush " + existing.imageScanningConfiguration().scanOnPush() + " (configured " + wanted.isScanOnPush() + ")");
    }
    if (wanted.encryption() != null
        && existing.encryptionConfiguration() != null
        && !wanted.encryption().equals(existing.encryptionConfiguration().encryptionTypeAsString())) {
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
              + ". Nothing is changed; <repositorySettings> only applies when the repository is created.");
    }
  }
}
