package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration checks that run before any ECR call. */
class EcrConfigurationTest {
  @Test
  void repositoryNamesFollowEcrRules() {
    for (String ok : List.of("app", "team/app", "team/my-service", "a.b_c__d--e/f9")) {
      assertEquals(Optional.empty(), RepositoryName.problem(ok), ok);
    }
    assertTrue(
        RepositoryName.problem("")
            .orElseThrow()
            .startsWith("<repository> (ecr.repository) is empty"));
    assertTrue(RepositoryName.problem("a").orElseThrow().contains("must be 2 to 256 characters"));
    for (String bad : List.of("Team/App", "team//app", "-app", "app-", "app/", "app name")) {
      assertTrue(
          RepositoryName.problem(bad)
              .orElseThrow()
              .startsWith("<repository> '" + bad + "' is not a valid ECR repository name"),
          bad);
    }
  }

  @Test
  void repositorySettingsNameEachBadElement() {
    RepositoryConfig settings = new RepositoryConfig();
    assertEquals(List.of(), settings.problems());
    settings.setTagMutability("sometimes");
    settings.setEncryptionType("ROT13");
    settings.setKmsKey("alias/x");
    assertEquals(
        List.of(
            "<repositorySettings><tagMutability> 'sometimes' must be MUTABLE or IMMUTABLE",
            "<repositorySettings><encryptionType> 'ROT13' must be AES256 or KMS",
            "<repositorySettings><kmsKey> is only used with <encryptionType>KMS</encryptionType>"),
        settings.problems());
    settings.setTagMutability("immutable");
    settings.setEncryptionType("kms");
    assertEquals(List.of(), settings.problems());
    assertEquals("IMMUTABLE", settings.mutability());
  }

  @Test
  void registryCredentialsNeverPrintThePassword() {
    RegistryCredentials credentials =
        new RegistryCredentials("host:1", true, "AWS", "s3cr3t-token", java.time.Instant.EPOCH);
    assertTrue(!credentials.toString().contains("s3cr3t-token"));
  }

  @Test
  void registryFailuresWorthRetrying() {
    assertEquals(
        RegistryRetry.Decision.RETRY,
        RegistryRetry.decide(new java.net.SocketException("Connection reset")));
    assertEquals(
        RegistryRetry.Decision.GIVE_UP,
        RegistryRetry.decide(new java.net.UnknownHostException("nowhere.invalid")));
    assertEquals(
        RegistryRetry.Decision.GIVE_UP, RegistryRetry.decide(new IllegalStateException("bug")));
    assertEquals(500L, RegistryRetry.backoffMillis(1));
    assertEquals(1000L, RegistryRetry.backoffMillis(2));
    assertEquals(16_000L, RegistryRetry.backoffMillis(10));
  }
}
