package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * A second account with its own registry: tokens per requested registry, repositories per account,
 * repository policies granting the callers' account, and what ECR refuses across accounts.
 */
class EcrEmulatorAccountsTest extends EmulatorTestSupport {
  private static final String OTHER = "444455556666";
  private static final String GRANT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
          + EcrEmulator.REGISTRY_ID
          + ":role/ci-deploy\"},\"Action\":[\"ecr:DescribeRepositories\",\"ecr:BatchGetImage\","
          + "\"ecr:BatchCheckLayerAvailability\",\"ecr:InitiateLayerUpload\",\"ecr:UploadLayerPart\","
          + "\"ecr:CompleteLayerUpload\",\"ecr:PutImage\"]}]}";

  static TestRegistry otherRegistry;

  @BeforeAll
  static void addAccount() throws Exception {
    otherRegistry = TestRegistry.builder().sameCertificateAs(registry).start();
    emulator.addAccount(OTHER, otherRegistry);
  }

  @AfterAll
  static void stopOtherRegistry() throws Exception {
    if (otherRegistry != null) {
      otherRegistry.close();
    }
  }

  private static String otherRepository(boolean granted) {
    String name = uniqueName("accounts");
    emulator.createRepository(
        OTHER, WireJson.object().put("registryId", OTHER).put("repositoryName", name));
    if (granted) {
      emulator.setRepositoryPolicy(OTHER, name, GRANT);
    }
    return name;
  }

  @Test
  void getAuthorizationTokenAnswersEachRequestedRegistryWithItsOwnEndpointAndToken() {
    List<AuthorizationData> data =
        ecr.getAuthorizationToken(r -> r.registryIds(OTHER, EcrEmulator.REGISTRY_ID))
            .authorizationData();
    assertEquals("https://" + otherRegistry.host(), data.get(0).proxyEndpoint());
    assertEquals("https://" + registry.host(), data.get(1).proxyEndpoint());
    assertNotEquals(data.get(0).authorizationToken(), data.get(1).authorizationToken());
    assertEquals(
        "https://" + registry.host(),
        ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).proxyEndpoint());
    assertEquals(
        "https://999988887777.dkr.ecr.us-east-1.amazonaws.com",
        ecr.getAuthorizationToken(r -> r.registryIds("999988887777"))
            .authorizationData()
            .get(0)
            .proxyEndpoint());
  }

  @Test
  void aRepositoryOfOneAccountIsNotFoundInTheOther() {
    String name = otherRepository(true);
    RepositoryNotFoundException own =
        assertThrows(
            RepositoryNotFoundException.class,
            () -> ecr.describeRepositories(r -> r.repositoryNames(name)));
    assertTrue(own.getMessage().contains("registry with id '" + EcrEmulator.REGISTRY_ID + "'"));
    String ownName =
        newRepository("own", software.amazon.awssdk.services.ecr.model.ImageTagMutability.MUTABLE);
    RepositoryNotFoundException other =
        assertThrows(
            RepositoryNotFoundException.class,
            () -> ecr.describeRepositories(r -> r.registryId(OTHER).repositoryNames(ownName)));
    assertTrue(other.getMessage().contains("registry with id '" + OTHER + "'"), other.getMessage());
    assertEquals(
        OTHER + ":" + otherRegistry.host() + "/" + name,
        ecr
            .describeRepositories(r -> r.registryId(OTHER).repositoryNames(name))
            .repositories()
            .stream()
            .map(repository -> repository.registryId() + ":" + repository.repositoryUri())
            .findFirst()
            .orElseThrow());
  }

  @Test
  void withoutAGrantTheOtherAccountsRepositoryIsDeniedOnTheApiAndTheRegistry() throws Exception {
    String name = otherRepository(false);
    EcrException denied =
        assertThrows(
            EcrException.class,
            () -> ecr.describeRepositories(r -> r.registryId(OTHER).repositoryNames(name)));
    assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
    assertTrue(
        denied
            .getMessage()
            .contains(
                "ecr:DescribeRepositories on resource: arn:aws:ecr:us-east-1:"
                    + OTHER
                    + ":repository/"
                    + name),
        denied.getMessage());
    assertTrue(
        ecr.describeRepositories(r -> r.registryId(OTHER)).repositories().stream()
            .noneMatch(repository -> repository.repositoryName().equals(name)),
        "the other account lists only repositories that grant the caller");

    Exception push =
        assertThrows(
            Exception.class,
            () ->
                JibTestImages.push(
                    otherRegistry.host(),
                    otherRegistry.user(),
                    otherRegistry.password(),
                    name,
                    "denied",
                    ImageFormat.Docker,
                    "1"));
    assertTrue(
        emulator.registryRefusals().stream()
            .anyMatch(r -> r.contains(" /v2/" + name + "/") && r.endsWith(": 403 DENIED")),
        emulator.registryRefusals() + " " + push);
    assertEquals(java.util.Map.of(), new RegistryInspector(otherRegistry).tags(name));
  }

  @Test
  void aGrantLetsTheCallersAccountPushAndReadButNotCreateRepositories() throws Exception {
    String name = otherRepository(true);
    String digest =
        JibTestImages.push(
            otherRegistry.host(),
            otherRegistry.user(),
            otherRegistry.password(),
            name,
            "granted",
            ImageFormat.Docker,
            "1");
    assertEquals(
        digest,
        ecr.batchGetImage(
                r -> r.registryId(OTHER).repositoryName(name).imageIds(i -> i.imageTag("1")))
            .images()
            .get(0)
            .imageId()
            .imageDigest());
    EcrException notGranted =
        assertThrows(
            EcrException.class,
            () -> ecr.getLifecyclePolicy(r -> r.registryId(OTHER).repositoryName(name)));
    assertEquals("AccessDeniedException", notGranted.awsErrorDetails().errorCode());

    EcrException create =
        assertThrows(
            EcrException.class,
            () -> ecr.createRepository(r -> r.registryId(OTHER).repositoryName(uniqueName("new"))));
    assertEquals("AccessDeniedException", create.awsErrorDetails().errorCode());
    assertTrue(create.getMessage().contains("ecr:CreateRepository"), create.getMessage());
  }

  @Test
  void aRegistryPolicyGrantingCreateRepositoryLetsTheCallerCreateButNotUseTheRepository() {
    String name = uniqueName("created-by-caller");
    emulator.setRegistryPolicy(
        OTHER,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + EcrEmulator.REGISTRY_ID
            + ":root\"},\"Action\":[\"ecr:CreateRepository\"]}]}");
    try {
      assertEquals(
          OTHER,
          ecr.createRepository(r -> r.registryId(OTHER).repositoryName(name))
              .repository()
              .registryId());
      EcrException describe =
          assertThrows(
              EcrException.class,
              () -> ecr.describeRepositories(r -> r.registryId(OTHER).repositoryNames(name)));
      assertEquals("AccessDeniedException", describe.awsErrorDetails().errorCode());
    } finally {
      emulator.setRegistryPolicy(OTHER, null);
    }
  }
}
