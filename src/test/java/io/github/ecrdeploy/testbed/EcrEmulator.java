package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * An Amazon ECR control plane for tests: speaks ECR's awsJson1_1 wire protocol to the real AWS SDK
 * v2 client ({@code EcrClient} with {@code endpointOverride(emulator.endpoint())}) and answers from
 * what a real OCI registry holds (ecr-api.md §2, §3.4). Repositories exist once created
 * (CreateRepository or {@link #createRepository}); images are whatever the registry has under a
 * created repository, read again on every image operation, so a push made straight to the registry
 * (by Jib, with the token from GetAuthorizationToken) is visible as soon as it returns.
 *
 * <p>Test control, also over plain HTTP under {@code /_emulator/} (see {@link ControlApi}): the
 * recorded calls, injected faults, seeded push and pull times, lifecycle runs and the violations
 * the plain registry could not refuse. Thread-safe.
 */
public final class EcrEmulator implements AutoCloseable {

  /** The account id every repository belongs to. */
  public static final String REGISTRY_ID = EmulatorState.REGISTRY_ID;

  private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
  private static final Pattern CREDENTIAL_SCOPE =
      Pattern.compile("Credential=[^/,]+/\\d{8}/([^/,]+)/ecr/aws4_request");

  /** The registry of the callers' own account ({@value EmulatorState#REGISTRY_ID}). */
  private final EmulatorState state;

  /** Every account's registry by account id, the callers' own included. */
  private final Map<String, EmulatorState> accounts = new ConcurrentHashMap<>();

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
  private final FaultPlan faults = new FaultPlan();
  private final RateLimits rateLimits = new RateLimits();
  private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

  private EcrEmulator(EmulatorState state, int port) throws IOException {
    this.state = state;
    accounts.put(state.registryId, state);
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    this.executor =
        Executors.newFixedThreadPool(
            8,
            runnable -> {
              Thread thread = new Thread(runnable, "ecr-emulator");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handleApi);
    server.createContext("/_emulator/", new ControlApi(this)::handle);
    server.start();
  }

  /**
   * Starts an emulator on 127.0.0.1 in front of a registry.
   *
   * @param registryHost the registry's {@code host:port}; {@code proxyEndpoint} is {@code https://}
   *     + this
   * @param registryUser the registry's basic-auth user ({@code AWS})
   * @param registryPassword its password, which GetAuthorizationToken hands out as {@code
   *     base64("AWS:" + password)}
   * @param trust an SSL context that trusts the registry's certificate
   * @param port the port to listen on, 0 for a free one
   */
  public static EcrEmulator start(
      String registryHost, String registryUser, String registryPassword, SSLContext trust, int port)
      throws IOException {
    return start(registryHost, registryUser, registryPassword, trust, port, Clock.systemUTC());
  }

  /**
   * As {@link #start(String, String, String, SSLContext, int)}, with the clock that push times and
   * ages use.
   */
  public static EcrEmulator start(
      String registryHost,
      String registryUser,
      String registryPassword,
      SSLContext trust,
      int port,
      Clock clock)
      throws IOException {
    RegistryHttpApi registry =
        new RegistryHttpApi(registryHost, registryUser, registryPassword, trust);
    return new EcrEmulator(
        new EmulatorState(registry, registryHost, registryPassword, clock), port);
  }

  /**
   * Starts an emulator in front of a {@link TestRegistry} and makes the registry's front refuse
   * what ECR's registry refuses ({@link EcrRegistryRules}) until the emulator is closed. To get
   * exact push times, start the registry with {@code
   * notificationUrl(EcrEmulator.notificationUrl(port))} and then the emulator on that port.
   */
  public static EcrEmulator start(TestRegistry registry, int port) throws IOException {
    RegistryHttpApi api =
        new RegistryHttpApi(
            registry.backendHost(), registry.user(), registry.password(), registry.sslContext());
    EcrEmulator emulator =
        new EcrEmulator(
            new EmulatorState(api, registry.host(), registry.password(), Clock.systemUTC()), port);
    registry.frontPolicy(new EcrRegistryRules(emulator.state, EmulatorState.REGISTRY_ID));
    emulator.onClose.add(() -> registry.frontPolicy(null));
    return emulator;
  }

  /**
   * Models another AWS account with its own registry (its own registry process and {@link
   * RegistryFront}), reached with {@code registryId}: GetAuthorizationToken with {@code
   * registryIds: [registryId]} hands out its {@code proxyEndpoint} and a token valid only there.
   * The callers of the API stay account {@value EmulatorState#REGISTRY_ID}: in the other account
   * they may use only repositories whose policy ({@link #setRepositoryPolicy}) grants them the
   * action ({@code AccessDeniedException} otherwise), and create repositories there only when its
   * registry policy ({@link #setRegistryPolicy}) grants {@code ecr:CreateRepository}; the control
   * API acts as that account's administrator.
   */
  public void addAccount(String registryId, TestRegistry registry) {
    if (!registryId.matches("[0-9]{12}") || accounts.containsKey(registryId)) {
      throw new IllegalArgumentException("Not a new 12-digit account id: " + registryId);
    }
    RegistryHttpApi api =
        new RegistryHttpApi(
            registry.backendHost(), registry.user(), registry.password(), registry.sslContext());
    EmulatorState account =
        new EmulatorState(registryId, api, registry.host(), registry.password(), state.clock);
    accounts.put(registryId, account);
    registry.frontPolicy(new EcrRegistryRules(account, EmulatorState.REGISTRY_ID));
    onClose.add(() -> registry.frontPolicy(null));
  }

  /** The registry host of an account ({@link #addAccount}, or the callers' own). */
  public String registryHost(String registryId) {
    return account(registryId).registryHost();
  }

  /** Where a registry sends its notifications for an emulator on {@code port}. */
  public static String notificationUrl(int port) {
    return "http://127.0.0.1:" + port + "/_emulator/registry-events";
  }

  /** {@code http://127.0.0.1:PORT}, for {@code endpointOverride} and for the control API. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The registry host the emulator hands out as {@code proxyEndpoint} and in {@code repositoryUri}.
   */
  public String registryHost() {
    return state.registryHost();
  }

  /** All ECR calls received so far, in order (faulted calls included, with their error type). */
  public List<RecordedCall> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one operation, in order. */
  public List<RecordedCall> calls(String operation) {
    return calls.stream().filter(call -> call.operation().equals(operation)).toList();
  }

  public void clearCalls() {
    calls.clear();
  }

  /**
   * Makes the next {@code count} calls of {@code operation} ({@code *} = any) fail with {@code
   * errorType} and {@code status}, e.g. {@code ("PutImage", 2, "ThrottlingException", 400)}; the
   * message is "Rate exceeded" for throttling, else "Injected &lt;type&gt;".
   */
  public void failNext(String operation, int count, String errorType, int status) {
    faults.add(operation, 0, count, errorType, status, null);
  }

  /** As {@link #failNext(String, int, String, int)} with an explicit message. */
  public void failNext(String operation, int count, String errorType, int status, String message) {
    faults.add(operation, 0, count, errorType, status, message);
  }

  /**
   * As {@link #failNext(String, int, String, int)}, but only after the next {@code after} calls of
   * {@code operation} went through, e.g. to fail the second PutImage of a promotion.
   */
  public void failAfter(String operation, int after, int count, String errorType, int status) {
    faults.add(operation, after, count, errorType, status, null);
  }

  /**
   * Lets the next {@code count} calls of {@code operation} ({@code *} = any) take effect and then
   * cuts the connection without an answer, after {@code after} calls went through normally; the
   * call is recorded with error type {@code AnswerLost}.
   */
  public void loseAnswers(String operation, int after, int count) {
    faults.addLostAnswers(operation, after, count);
  }

  /**
   * Makes the registry's front answer the next {@code count} requests of {@code method} ({@code *}
   * = any) whose path matches {@code pathRegex} with {@code status} and the registry error {@code
   * code}, e.g. {@code ("POST", "/v2/.+/blobs/uploads/", 2, 429, "TOOMANYREQUESTS")}, as ECR's
   * registry throttles; the message is "Rate exceeded" for 429. Only for an emulator started on a
   * {@link TestRegistry}.
   */
  public void failRegistryNext(
      String method, String pathRegex, int count, int status, String code) {
    synchronized (state) {
      state.registryFaults.add(
          method,
          pathRegex,
          count,
          status,
          code,
          status == 429 ? "Rate exceeded" : "Injected " + code);
    }
  }

  /**
   * Limits {@code operation} to {@code rate} calls per second with bursts of {@code burst}, as
   * ECR's per-account rate quotas do: a call beyond it is answered {@code 400 ThrottlingException:
   * Rate exceeded} without taking effect (see {@link RateLimits}).
   */
  public void setRateLimit(String operation, double rate, int burst) {
    rateLimits.set(operation, new RateLimits.Limit(rate, burst));
  }

  /** The rate limits set, by action. */
  Map<String, RateLimits.Limit> rateLimits() {
    return rateLimits.limits();
  }

  /** How many calls the rate limits refused, by action, since they were last cleared. */
  public Map<String, Integer> throttledCalls() {
    return rateLimits.throttled();
  }

  /** Removes every rate limit and forgets the refused calls. */
  public void clearRateLimits() {
    rateLimits.clear();
  }

  /** The control API's fault: all options, a null message for the default one. */
  void addFault(
      String operation, int after, int count, String errorType, int status, String message) {
    faults.add(operation, after, count, errorType, status, message);
  }

  public void clearFaults() {
    faults.clear();
    synchronized (state) {
      state.registryFaults.clear();
    }
  }

  /**
   * Creates a repository as CreateRepository would (not recorded as a call).
   *
   * @param request a CreateRepository request body, e.g. {@code {"repositoryName":"team/app"}}
   * @return the repository as CreateRepository returns it
   */
  public JsonNode createRepository(ObjectNode request) {
    return createRepository(REGISTRY_ID, request);
  }

  /**
   * Creates a repository in the registry of {@code registryId}, as that account's administrator
   * would.
   */
  public JsonNode createRepository(String registryId, ObjectNode request) {
    EmulatorState account = account(registryId);
    synchronized (account) {
      return new EcrOperations(account, EmulatorState.DEFAULT_REGION)
          .handle("CreateRepository", request)
          .get("repository");
    }
  }

  /**
   * Sets the repository policy of a repository in the registry of {@code registryId}, as that
   * account's administrator would with SetRepositoryPolicy (aws ecr set-repository-policy): the
   * grants other accounts need to use it.
   */
  public void setRepositoryPolicy(String registryId, String repositoryName, String policyText) {
    EmulatorState account = account(registryId);
    synchronized (account) {
      account.repository(repositoryName, registryId).policy = RepositoryPolicy.parse(policyText);
    }
  }

  /**
   * Sets the registry policy of {@code registryId}'s registry, as that account's administrator
   * would with PutRegistryPolicy: it may grant other accounts {@code ecr:CreateRepository} there
   * (null removes it).
   */
  public void setRegistryPolicy(String registryId, String policyText) {
    EmulatorState account = account(registryId);
    synchronized (account) {
      account.registryPolicy = policyText == null ? null : RepositoryPolicy.parse(policyText);
    }
  }

  /** The emulated account {@code registryId}; IllegalArgumentException for another id. */
  private EmulatorState account(String registryId) {
    EmulatorState account = accounts.get(registryId == null ? REGISTRY_ID : registryId);
    if (account == null) {
      throw new IllegalArgumentException(
          "The emulator has no account " + registryId + "; known: " + accounts.keySet());
    }
    return account;
  }

  /** Creates a repository with the given tag mutability ({@code MUTABLE}, {@code IMMUTABLE}). */
  public JsonNode createRepository(String name, String tagMutability) {
    return createRepository(
        WireJson.object().put("repositoryName", name).put("imageTagMutability", tagMutability));
  }

  /**
   * Sets the push time ECR reports (and lifecycle rules use) for an image given by digest or tag.
   */
  public void setPushedAt(String repository, String digestOrTag, Instant pushedAt) {
    setPushedAt(REGISTRY_ID, repository, digestOrTag, pushedAt);
  }

  /** As {@link #setPushedAt(String, String, Instant)} in the registry of {@code registryId}. */
  public void setPushedAt(
      String registryId, String repository, String digestOrTag, Instant pushedAt) {
    EmulatorState account = account(registryId);
    synchronized (account) {
      EmulatedImage image = image(account, repository, digestOrTag);
      image.pushedAt = pushedAt;
      image.pushedAtSeeded = true;
    }
  }

  /** Sets the {@code lastRecordedPullTime} of an image given by digest or tag. */
  public void setLastPulledAt(String repository, String digestOrTag, Instant pulledAt) {
    setLastPulledAt(REGISTRY_ID, repository, digestOrTag, pulledAt);
  }

  /** As {@link #setLastPulledAt(String, String, Instant)} in the registry of {@code registryId}. */
  public void setLastPulledAt(
      String registryId, String repository, String digestOrTag, Instant pulledAt) {
    EmulatorState account = account(registryId);
    synchronized (account) {
      image(account, repository, digestOrTag).lastPulledAt = pulledAt;
    }
  }

  /**
   * Runs the repository's stored lifecycle policy now, as ECR does within 24 hours: expired images
   * are deleted from the registry, transitioned ones become ARCHIVED; {@code lastEvaluatedAt} is
   * set.
   *
   * @return what the policy did, as GetLifecyclePolicyPreview lists it ({@code previewResults}
   *     items)
   */
  public JsonNode runLifecyclePolicy(String repositoryName) {
    return runLifecyclePolicy(REGISTRY_ID, repositoryName);
  }

  /** As {@link #runLifecyclePolicy(String)} in the registry of {@code registryId}. */
  public JsonNode runLifecyclePolicy(String registryId, String repositoryName) {
    EmulatorState state = account(registryId);
    synchronized (state) {
      RepositoryRecord repository = state.repository(repositoryName, state.registryId);
      if (repository.lifecyclePolicyText == null) {
        throw EcrServiceError.lifecyclePolicyNotFound(repositoryName, state.registryId);
      }
      state.images.refresh(repository);
      Instant now = state.clock.instant();
      List<LifecyclePreview.Result> results =
          LifecyclePreview.evaluate(
              LifecyclePolicyParser.parse(repository.lifecyclePolicyText), repository, now);
      // Indexes first: ECR deletes a platform image only after its index (ecr-api.md §1.4, 11).
      List<LifecyclePreview.Result> indexesFirst = new ArrayList<>(results);
      indexesFirst.sort(
          Comparator.comparing(result -> !repository.images.get(result.imageDigest()).isIndex()));
      for (LifecyclePreview.Result result : indexesFirst) {
        EmulatedImage image = repository.images.get(result.imageDigest());
        if (result.action().equals("EXPIRE")) {
          state.images.delete(repository, image);
        } else {
          image.archived = true;
          image.lastArchivedAt = now;
        }
      }
      repository.lastEvaluatedAt = now;
      ArrayNode done = WireJson.MAPPER.createArrayNode();
      results.forEach(result -> done.add(EcrOperations.previewResult(result)));
      return done;
    }
  }

  /**
   * The {@code proxyEndpoint} that GetAuthorizationToken hands out (and the host of {@code
   * repositoryUri}), e.g. a fault proxy's {@code https://127.0.0.1:PORT}, or an address nobody
   * listens on; null restores {@code https://} + the registry host. The emulator itself keeps
   * reading the registry directly.
   */
  public void setProxyEndpoint(String endpoint) {
    synchronized (state) {
      state.proxyEndpoint = endpoint;
    }
  }

  /**
   * How many GetLifecyclePolicyPreview calls answer IN_PROGRESS before COMPLETE (default 1; 0 = at
   * once).
   */
  public void setPreviewPollsBeforeComplete(int polls) {
    synchronized (state) {
      state.previewPollsBeforeComplete = polls;
    }
  }

  /**
   * What real ECR would have refused but the plain registry accepted (pushes to unknown
   * repositories, ...).
   */
  public List<String> violations() {
    List<String> all = new ArrayList<>();
    for (EmulatorState account : accounts.values()) {
      synchronized (account) {
        all.addAll(account.violations);
      }
    }
    return all;
  }

  /**
   * Registry requests refused as ECR refuses them (pushes into repositories that were never
   * created, pushes over immutable tags): {@code "PUT /v2/…/manifests/1.0: 400 TAG_INVALID"}.
   */
  public List<String> registryRefusals() {
    List<String> all = new ArrayList<>();
    for (EmulatorState account : accounts.values()) {
      synchronized (account) {
        all.addAll(account.registryRefusals);
      }
    }
    return all;
  }

  /**
   * Repositories named in the registry notifications received so far; empty when notifications are
   * not wired.
   */
  public Set<String> repositoriesInRegistryEvents() {
    synchronized (state) {
      return Set.copyOf(state.repositoriesInRegistryEvents);
    }
  }

  /**
   * The image index of every repository, read from the registry now, and the repositories seen in
   * registry notifications: per repository its settings, lifecycle policy and images (digest, tags,
   * push and pull times, size, media type, status).
   */
  public JsonNode snapshot() {
    return snapshot(REGISTRY_ID);
  }

  /** As {@link #snapshot()} for the registry of {@code registryId}. */
  public JsonNode snapshot(String registryId) {
    EmulatorState state = account(registryId);
    synchronized (state) {
      ObjectNode root = WireJson.object();
      ArrayNode eventRepositories = root.putArray("repositoriesInRegistryEvents");
      state.repositoriesInRegistryEvents.forEach(eventRepositories::add);
      ArrayNode repositories = root.putArray("repositories");
      for (RepositoryRecord repository : state.repositories.values()) {
        state.images.refresh(repository);
        ObjectNode json =
            repositories
                .addObject()
                .put("repositoryName", repository.name)
                .put("imageTagMutability", repository.tagMutability);
        if (repository.lifecyclePolicyText != null) {
          json.put("lifecyclePolicyText", repository.lifecyclePolicyText);
        }
        ArrayNode images = json.putArray("images");
        for (EmulatedImage image : repository.images.values()) {
          ObjectNode entry = images.addObject().put("imageDigest", image.digest);
          ArrayNode tags = entry.putArray("imageTags");
          image.tags.forEach(tags::add);
          entry.set("imagePushedAt", WireJson.timestamp(image.pushedAt));
          if (image.lastPulledAt != null) {
            entry.set("lastRecordedPullTime", WireJson.timestamp(image.lastPulledAt));
          }
          entry
              .put("imageSizeInBytes", repository.sizeInBytes(image))
              .put("imageManifestMediaType", image.manifestMediaType)
              .put("imageStatus", image.archived ? "ARCHIVED" : "ACTIVE");
        }
      }
      return root;
    }
  }

  /**
   * Forgets repositories, calls, faults, rate limits, violations and configuration (the registry's
   * content stays).
   */
  public void reset() {
    for (EmulatorState state : accounts.values()) {
      synchronized (state) {
        state.repositories.clear();
        state.violations.clear();
        state.registryRefusals.clear();
        state.registryFaults.clear();
        state.previewPollsBeforeComplete = 1;
        state.proxyEndpoint = null;
        state.registryPolicy = null;
      }
    }
    calls.clear();
    faults.clear();
    rateLimits.clear();
  }

  /**
   * Takes a registry notification envelope ({@code {"events":[...]}}) from the registry's {@code
   * notifications} endpoint: manifest pushes give exact push times and reveal pushes to
   * repositories that were never created (pushes from before the emulator started are set-up, not
   * violations) or pushes of an immutable tag that exists already; manifest GETs by others than the
   * emulator count as pulls.
   */
  void registryEvents(JsonNode envelope) {
    synchronized (state) {
      for (JsonNode event : envelope.path("events")) {
        JsonNode target = event.path("target");
        if (!RegistryHttpApi.MANIFEST_TYPES.contains(target.path("mediaType").asText())) {
          continue;
        }
        String repository = target.path("repository").asText();
        state.repositoriesInRegistryEvents.add(repository);
        String digest = target.path("digest").asText();
        Instant time = OffsetDateTime.parse(event.path("timestamp").asText()).toInstant();
        boolean known = state.repositories.containsKey(repository);
        String action = event.path("action").asText();
        boolean byEmulator =
            event.path("request").path("useragent").asText().startsWith(RegistryHttpApi.USER_AGENT);
        String tag = target.path("tag").asText("");
        if (action.equals("push") && (known || time.isAfter(state.startedAt))) {
          state.images.notifyPush(repository, digest, time, known);
          if (known && !tag.isEmpty() && !byEmulator) {
            state.images.notifyTagPush(state.repositories.get(repository), tag, digest, time);
          }
        } else if (action.equals("pull")
            && known
            && !byEmulator
            && event.path("request").path("method").asText().equals("GET")) {
          Optional.ofNullable(state.repositories.get(repository).images.get(digest))
              .ifPresent(image -> image.lastPulledAt = time);
        }
      }
    }
  }

  @Override
  public void close() {
    onClose.forEach(Runnable::run);
    server.stop(0);
    executor.shutdownNow();
  }

  private static EmulatedImage image(
      EmulatorState state, String repositoryName, String digestOrTag) {
    RepositoryRecord repository = state.repository(repositoryName, state.registryId);
    state.images.refresh(repository);
    Optional<EmulatedImage> image =
        Optional.ofNullable(repository.images.get(digestOrTag))
            .or(() -> repository.imageByTag(digestOrTag));
    return image.orElseThrow(
        () ->
            EcrServiceError.imageNotFound(
                digestOrTag, digestOrTag, repositoryName, state.registryId));
  }

  private void handleApi(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
      String operation =
          target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
      byte[] body = readAll(exchange.getRequestBody());
      if (operation == null || !exchange.getRequestMethod().equals("POST")) {
        sendError(
            exchange,
            new EcrServiceError(
                "UnknownOperationException",
                "Expected POST / with X-Amz-Target: " + TARGET_PREFIX + "<Operation>"));
        return;
      }
      ObjectNode request;
      try {
        JsonNode parsed = body.length == 0 ? WireJson.object() : WireJson.MAPPER.readTree(body);
        if (!(parsed instanceof ObjectNode object)) {
          throw new IOException("not a JSON object");
        }
        request = object;
      } catch (IOException e) {
        calls.add(new RecordedCall(operation, WireJson.object(), "SerializationException"));
        sendError(
            exchange,
            new EcrServiceError("SerializationException", "The request body is not a JSON object"));
        return;
      }
      EcrServiceError error =
          rateLimits.admit(operation)
              ? faults.next(operation).orElse(null)
              : RateLimits.throttlingError();
      JsonNode response = null;
      if (error == null) {
        // a call naming registryId goes to that account's registry (an account the emulator
        // does not model answers as an empty registry: RepositoryNotFoundException)
        EmulatorState account = accounts.getOrDefault(request.path("registryId").asText(), state);
        try {
          synchronized (account) {
            response =
                new EcrOperations(
                        account,
                        region(exchange),
                        EmulatorState.REGISTRY_ID,
                        id -> Optional.ofNullable(accounts.get(id)))
                    .handle(operation, request);
          }
        } catch (EcrServiceError e) {
          error = e;
        } catch (RuntimeException e) {
          error = EcrServiceError.serverError("The ECR emulator failed: " + e);
        }
      }
      if (error == null && faults.answerLost(operation)) {
        calls.add(new RecordedCall(operation, request, "AnswerLost"));
        // closing the exchange before any response header cuts the connection: the client sees
        // no answer although the call took effect
        return;
      }
      calls.add(new RecordedCall(operation, request, error == null ? null : error.type()));
      if (error != null) {
        sendError(exchange, error);
      } else {
        send(exchange, 200, response);
      }
    }
  }

  private static String region(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
      if (scope.find()) {
        return scope.group(1);
      }
    }
    return EmulatorState.DEFAULT_REGION;
  }

  private static void sendError(HttpExchange exchange, EcrServiceError error) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", error.type());
    send(
        exchange,
        error.status(),
        WireJson.object().put("__type", error.type()).put("message", error.getMessage()));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = WireJson.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
