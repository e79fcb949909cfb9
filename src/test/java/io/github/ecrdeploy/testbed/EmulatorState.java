package io.github.ecrdeploy.testbed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the emulator remembers besides the registry's content. One instance per emulator;
 * every reader and writer synchronizes on it.
 */
final class EmulatorState {

  /** The account of the emulator's own registry, and of every caller of its API. */
  static final String REGISTRY_ID = "123456789012";

  static final String DEFAULT_REGION = "us-east-1";

  /** The account whose registry this is. */
  final String registryId;

  final Clock clock;

  /**
   * Wall-clock start time: registry events from before it describe set-up pushes, not violations.
   */
  final Instant startedAt = Instant.now();

  final RegistryImages images;
  final String registryPassword;

  /** The registry host clients are given (a {@link RegistryFront}, or the registry itself). */
  private final String registryHost;

  /**
   * The registry policy (PutRegistryPolicy), or null: may grant other accounts {@code
   * ecr:CreateRepository} in this registry.
   */
  RepositoryPolicy registryPolicy;

  /** Repositories by name (sorted, which is also DescribeRepositories' order). */
  final Map<String, RepositoryRecord> repositories = new TreeMap<>();

  /**
   * Things real ECR would have refused but the plain registry accepted (see {@link
   * RegistryImages}).
   */
  final List<String> violations = new ArrayList<>();

  /** Registry answers tests injected (e.g. {@code 429 TOOMANYREQUESTS}). */
  final RegistryFaults registryFaults = new RegistryFaults();

  /** Registry requests the front refused as ECR would ({@link EcrRegistryRules}), in order. */
  final List<String> registryRefusals = new ArrayList<>();

  /**
   * Repositories named in the registry notifications received so far (shows that notifications are
   * wired).
   */
  final Set<String> repositoriesInRegistryEvents = new TreeSet<>();

  /** How many GetLifecyclePolicyPreview calls answer IN_PROGRESS before the preview is COMPLETE. */
  int previewPollsBeforeComplete = 1;

  /**
   * The {@code proxyEndpoint} GetAuthorizationToken hands out; null for {@code https://} + the
   * registry host.
   */
  String proxyEndpoint;

  EmulatorState(
      RegistryHttpApi registry, String registryHost, String registryPassword, Clock clock) {
    this(REGISTRY_ID, registry, registryHost, registryPassword, clock);
  }

  EmulatorState(
      String registryId,
      RegistryHttpApi registry,
      String registryHost,
      String registryPassword,
      Clock clock) {
    this.registryId = registryId;
    this.clock = clock;
    this.registryHost = registryHost;
    this.registryPassword = registryPassword;
    this.images = new RegistryImages(registry, clock, violations);
  }

  String registryHost() {
    return registryHost;
  }

  /**
   * Where clients push: {@code https://} + the registry host, unless a test set another endpoint.
   */
  String proxyEndpoint() {
    return proxyEndpoint != null ? proxyEndpoint : "https://" + registryHost();
  }

  /** The repository, or {@code RepositoryNotFoundException} as ECR words it. */
  RepositoryRecord repository(String name, String registryId) {
    RepositoryRecord repository =
        this.registryId.equals(registryId) ? repositories.get(name) : null;
    if (repository == null) {
      throw EcrServiceError.repositoryNotFound(name, registryId);
    }
    return repository;
  }
}
