package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * GetAuthorizationToken, repositories, fault injection and the control API, through the real SDK
 * client.
 */
class EcrEmulatorRepositoryTest extends EmulatorTestSupport {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void authorizationTokenLogsIntoTheRegistry() throws Exception {
    Instant before = Instant.now();
    AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);

    String decoded =
        new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
    assertEquals("AWS:" + registry.password(), decoded);
    assertEquals("https://" + registry.host(), data.proxyEndpoint());
    Duration validity = Duration.between(before, data.expiresAt());
    assertTrue(
        validity.compareTo(Duration.ofHours(11)) > 0
            && validity.compareTo(Duration.ofHours(13)) < 0,
        "expiresAt about 12 h ahead, was " + validity);

    String repository = newRepository("login", ImageTagMutability.MUTABLE);
    String[] credentials = decoded.split(":", 2);
    String digest =
        JibTestImages.push(
            URI.create(data.proxyEndpoint()).getAuthority(),
            credentials[0],
            credentials[1],
            repository,
            "pushed with the token",
            ImageFormat.Docker,
            "v1");
    assertEquals(
        digest,
        ecr.describeImages(r -> r.repositoryName(repository)).imageDetails().get(0).imageDigest());
  }

  @Test
  void createsAndDescribesRepositoriesWithTheRegionOfTheCredentialScope() {
    String name = uniqueName("created");
    try (EcrClient frankfurt = client(Region.EU_CENTRAL_1)) {
      Repository created =
          frankfurt
              .createRepository(
                  r ->
                      r.repositoryName(name)
                          .imageTagMutability(ImageTagMutability.IMMUTABLE)
                          .imageScanningConfiguration(s -> s.scanOnPush(true))
                          .encryptionConfiguration(e -> e.encryptionType(EncryptionType.AES256))
                          .tags(Tag.builder().key("owner").value("ci").build()))
              .repository();

      assertEquals(
          "arn:aws:ecr:eu-central-1:123456789012:repository/" + name, created.repositoryArn());
      assertEquals(EcrEmulator.REGISTRY_ID, created.registryId());
      assertEquals(registry.host() + "/" + name, created.repositoryUri());
      assertEquals(ImageTagMutability.IMMUTABLE, created.imageTagMutability());
      assertTrue(created.imageScanningConfiguration().scanOnPush());
      assertEquals(EncryptionType.AES256, created.encryptionConfiguration().encryptionType());
    }
    Repository described =
        ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0);
    assertEquals(name, described.repositoryName());
    assertEquals(ImageTagMutability.IMMUTABLE, described.imageTagMutability());
    assertTrue(
        Duration.between(described.createdAt(), Instant.now())
                .abs()
                .compareTo(Duration.ofMinutes(5))
            < 0);

    JsonNode wire =
        emulator.calls("CreateRepository").stream()
            .filter(call -> call.request().path("repositoryName").asText().equals(name))
            .findFirst()
            .orElseThrow()
            .request();
    assertEquals(
        "owner",
        wire.path("tags").path(0).path("Key").asText(),
        "tags go on the wire as Key/Value");
    assertEquals("ci", wire.path("tags").path(0).path("Value").asText());
  }

  @Test
  void repositoryDefaultsAreMutableAes256WithoutScanOnPush() {
    String name = uniqueName("defaults");
    Repository created = ecr.createRepository(r -> r.repositoryName(name)).repository();
    assertEquals(ImageTagMutability.MUTABLE, created.imageTagMutability());
    assertFalse(created.imageScanningConfiguration().scanOnPush());
    assertEquals(EncryptionType.AES256, created.encryptionConfiguration().encryptionType());
  }

  @Test
  void existingRepositoryIsRejected() {
    String name = newRepository("twice", ImageTagMutability.MUTABLE);
    RepositoryAlreadyExistsException e =
        assertThrows(
            RepositoryAlreadyExistsException.class,
            () -> ecr.createRepository(r -> r.repositoryName(name)));
    assertEquals(
        "The repository with name '"
            + name
            + "' already exists in the registry with id '123456789012'",
        e.awsErrorDetails().errorMessage());
    assertEquals(400, e.statusCode());
  }

  @Test
  void invalidRepositoryNameIsRejectedWithEcrsConstraintMessage() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> ecr.createRepository(r -> r.repositoryName("Team/App")));
    assertEquals(
        "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular"
            + " expression"
            + " '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*''",
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void missingRequiredMemberIsRejected() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> ecr.createRepository(r -> {}));
    assertEquals(
        "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'Member must not be"
            + " null'",
        e.awsErrorDetails().errorMessage());
    InvalidParameterException tooMany =
        assertThrows(
            InvalidParameterException.class,
            () -> ecr.describeRepositories(r -> r.maxResults(5000)));
    assertEquals(
        "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value"
            + " less than or equal to 1000'",
        tooMany.awsErrorDetails().errorMessage());
  }

  @Test
  void describingAMissingRepositoryFailsTheWholeCall() {
    String existing = newRepository("present", ImageTagMutability.MUTABLE);
    RepositoryNotFoundException e =
        assertThrows(
            RepositoryNotFoundException.class,
            () -> ecr.describeRepositories(r -> r.repositoryNames(existing, "team/absent")));
    assertEquals(
        "The repository with name 'team/absent' does not exist in the registry with id"
            + " '123456789012'",
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void paginatesRepositories() {
    List<String> created =
        List.of(
            newRepository("page", ImageTagMutability.MUTABLE),
            newRepository("page", ImageTagMutability.MUTABLE),
            newRepository("page", ImageTagMutability.MUTABLE));
    emulator.clearCalls();
    List<String> all =
        ecr.describeRepositoriesPaginator(r -> r.maxResults(1)).repositories().stream()
            .map(Repository::repositoryName)
            .collect(Collectors.toList());
    assertTrue(all.containsAll(created), all + " contains " + created);
    assertEquals(
        all.size(), emulator.calls("DescribeRepositories").size(), "one repository per page");
    assertTrue(emulator.calls("DescribeRepositories").get(1).request().has("nextToken"));
  }

  @Test
  void throttlingIsRetriedBySdk() {
    emulator.clearCalls();
    emulator.failNext("DescribeRepositories", 2, "ThrottlingException", 400);
    ecr.describeRepositories();
    List<RecordedCall> calls = emulator.calls("DescribeRepositories");
    assertEquals(3, calls.size());
    assertEquals("ThrottlingException", calls.get(0).errorType());
    assertEquals("ThrottlingException", calls.get(1).errorType());
    assertNull(calls.get(2).errorType());
  }

  @Test
  void serverErrorsAreRetriedAndPersistentThrottlingSurfaces() {
    emulator.clearCalls();
    emulator.failNext("GetAuthorizationToken", 1, "ServerException", 500);
    ecr.getAuthorizationToken();
    assertEquals(2, emulator.calls("GetAuthorizationToken").size());

    emulator.failNext("GetAuthorizationToken", 10, "ThrottlingException", 400);
    EcrException e = assertThrows(EcrException.class, ecr::getAuthorizationToken);
    assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
    assertEquals("Rate exceeded", e.awsErrorDetails().errorMessage());
    assertTrue(e.isThrottlingException());
    emulator.clearFaults();
  }

  @Test
  void unknownOperationIsAnError() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(emulator.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header(
                    "X-Amz-Target",
                    "AmazonEC2ContainerRegistry_V20150921.DescribePullThroughCacheRules")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    assertEquals(
        "application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
    assertEquals(
        "UnknownOperationException", WireJson.parse(response.body()).path("__type").asText());
  }

  @Test
  void controlApiRecordsCallsInjectsFaultsAndSeedsRepositories() throws Exception {
    post("/_emulator/calls/clear", "{}");
    String seeded = uniqueName("seeded");
    JsonNode repository =
        WireJson.parse(
            post(
                "/_emulator/repositories",
                "{\"repositoryName\":\"" + seeded + "\",\"imageTagMutability\":\"IMMUTABLE\"}"));
    assertEquals(seeded, repository.path("repositoryName").asText());
    assertEquals(
        ImageTagMutability.IMMUTABLE,
        ecr.describeRepositories(r -> r.repositoryNames(seeded))
            .repositories()
            .get(0)
            .imageTagMutability());

    post(
        "/_emulator/faults",
        "{\"operation\":\"DescribeRepositories\",\"count\":1,"
            + "\"errorType\":\"ThrottlingException\",\"status\":400}");
    ecr.describeRepositories(r -> r.repositoryNames(seeded));

    JsonNode calls = WireJson.parse(get("/_emulator/calls?operation=DescribeRepositories"));
    assertEquals(3, calls.size(), calls.toString());
    assertEquals("ThrottlingException", calls.get(1).path("errorType").asText());
    assertEquals(seeded, calls.get(2).path("request").path("repositoryNames").path(0).asText());
    assertFalse(calls.get(2).has("errorType"));

    JsonNode state = WireJson.parse(get("/_emulator/state"));
    boolean listed = false;
    for (JsonNode repo : state.path("repositories")) {
      listed |= repo.path("repositoryName").asText().equals(seeded);
    }
    assertTrue(listed, state.toString());
  }

  @Test
  void controlApiAdvertisesAnotherProxyEndpointUntilReset() throws Exception {
    String name = newRepository("proxied", ImageTagMutability.MUTABLE);
    post("/_emulator/config", "{\"proxyEndpoint\":\"https://127.0.0.1:1\"}");
    try {
      assertEquals(
          "https://127.0.0.1:1",
          ecr.getAuthorizationToken().authorizationData().get(0).proxyEndpoint());
      assertEquals(
          "127.0.0.1:1/" + name,
          ecr.describeRepositories(r -> r.repositoryNames(name))
              .repositories()
              .get(0)
              .repositoryUri());
    } finally {
      post("/_emulator/config", "{\"proxyEndpoint\":null}");
    }
    assertEquals(
        "https://" + registry.host(),
        ecr.getAuthorizationToken().authorizationData().get(0).proxyEndpoint());
  }

  @Test
  void faultAfterSomeCallsLetsThoseThroughFirst() throws Exception {
    String name = newRepository("after", ImageTagMutability.MUTABLE);
    post("/_emulator/calls/clear", "{}");
    post(
        "/_emulator/faults",
        "{\"operation\":\"ListImages\",\"after\":1,\"count\":1,"
            + "\"errorType\":\"ServerException\",\"status\":500}");
    ecr.listImages(r -> r.repositoryName(name));
    ecr.listImages(r -> r.repositoryName(name));

    List<String> outcomes =
        emulator.calls("ListImages").stream()
            .map(call -> call.errorType() == null ? "ok" : call.errorType())
            .toList();
    assertEquals(List.of("ok", "ServerException", "ok"), outcomes);
  }

  @Test
  void pushIntoRepositoryThatWasNeverCreatedIsRefusedWithNameUnknown() throws Exception {
    String never = uniqueName("never-created");
    Exception refused = assertThrows(Exception.class, () -> push(never, "no repository", "v1"));
    assertTrue(
        String.valueOf(refused.getMessage())
            .contains(
                "The repository with name '"
                    + never
                    + "' does not exist in the registry with id '123456789012'"),
        refused.toString());
    assertTrue(
        emulator
            .registryRefusals()
            .contains("POST /v2/" + never + "/blobs/uploads/: 404 NAME_UNKNOWN"),
        emulator.registryRefusals().toString());
    assertTrue(WireJson.parse(get("/_emulator/registry-refusals")).toString().contains(never));
    assertTrue(emulator.violations().isEmpty(), emulator.violations().toString());
    assertThrows(
        RepositoryNotFoundException.class, () -> ecr.describeImages(r -> r.repositoryName(never)));
  }

  @Test
  void controlApiRejectsBadRequests() throws Exception {
    HttpResponse<String> missing =
        HTTP.send(
            HttpRequest.newBuilder(emulator.endpoint().resolve("/_emulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"PutImage\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, missing.statusCode());
    HttpResponse<String> unknown =
        HTTP.send(
            HttpRequest.newBuilder(emulator.endpoint().resolve("/_emulator/nope")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, unknown.statusCode());
  }

  static String post(String path, String json) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(emulator.endpoint().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  static String get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(emulator.endpoint().resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }
}
