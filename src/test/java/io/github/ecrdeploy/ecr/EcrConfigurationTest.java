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
            "<repositorySettings><tagMutability> 'sometimes' must be MUTABLE, IMMUTABLE,"
                + " IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION",
            "<repositorySettings><encryptionType> 'ROT13' must be AES256, KMS or KMS_DSSE",
            "<repositorySettings><kmsKey> is only used with <encryptionType>KMS</encryptionType>"
                + " or KMS_DSSE"),
        settings.problems());
    settings.setTagMutability("immutable");
    settings.setEncryptionType("kms");
    assertEquals(List.of(), settings.problems());
    assertEquals("IMMUTABLE", settings.mutability());
    settings.setEncryptionType("KMS_DSSE");
    assertEquals(List.of(), settings.problems());
  }

  @Test
  void tagMutabilityExclusionsAreValidatedAsEcrDoes() {
    RepositoryConfig settings = new RepositoryConfig();
    settings.setTagMutability("immutable_with_exclusion");
    assertEquals(
        List.of(
            "<repositorySettings><tagMutabilityExclusions> needs 1 to 5 <filter>s with"
                + " <tagMutability>IMMUTABLE_WITH_EXCLUSION</tagMutability> (ECR requires them)"),
        settings.problems());
    settings.setTagMutabilityExclusions(List.of("latest", "main-*", "a", "b", "c", "d/e"));
    assertEquals(
        List.of(
            "<repositorySettings><tagMutabilityExclusions> has 6 filters; ECR allows 5",
            "<repositorySettings><tagMutabilityExclusions> <filter> 'd/e' must be 1 to 128"
                + " characters of letters, digits, '.', '_', '-' and the wildcard '*'"),
        settings.problems());
    settings.setTagMutabilityExclusions(List.of("latest", "main-*"));
    assertEquals(List.of(), settings.problems());
    settings.setTagMutability("IMMUTABLE");
    assertEquals(
        List.of(
            "<repositorySettings><tagMutabilityExclusions> is only used with <tagMutability>"
                + " IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, not IMMUTABLE"),
        settings.problems());
  }

  @Test
  void eachTagIsImmutableOrNotByModeAndFilter() {
    List<String> filters = List.of("latest", "main-*");
    TagMutability immutableExcept =
        new TagMutability(TagMutability.IMMUTABLE_WITH_EXCLUSION, filters);
    assertTrue(immutableExcept.isImmutable("1.0.0"));
    assertTrue(!immutableExcept.isImmutable("latest"));
    assertTrue(!immutableExcept.isImmutable("main-42"));
    assertTrue(immutableExcept.isImmutable("main"));
    assertEquals(
        "tagMutability IMMUTABLE_WITH_EXCLUSION, no exclusion filter of [latest, main-*] matches"
            + " it",
        immutableExcept.reason("1.0.0"));
    TagMutability mutableExcept = new TagMutability(TagMutability.MUTABLE_WITH_EXCLUSION, filters);
    assertTrue(!mutableExcept.isImmutable("1.0.0"));
    assertTrue(mutableExcept.isImmutable("main-42"));
    assertEquals(
        "tagMutability MUTABLE_WITH_EXCLUSION, filter 'main-*'", mutableExcept.reason("main-42"));
    assertTrue(new TagMutability("IMMUTABLE", List.of()).isImmutable("anything"));
    assertTrue(!new TagMutability("MUTABLE", List.of()).isImmutable("anything"));
    assertTrue(new TagMutability("MUTABLE_WITH_EXCLUSION", List.of("*rc*")).isImmutable("1.0-rc1"));
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
