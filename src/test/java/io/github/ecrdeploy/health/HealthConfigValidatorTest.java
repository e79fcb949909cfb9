package io.github.ecrdeploy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthConfigValidatorTest {
  private static final CredentialsLookup DEPLOY_SERVER =
      id ->
          id.equals("health-api")
              ? Optional.of(new BasicCredentials("ops", "s3cret"))
              : Optional.empty();

  static EndpointConfig endpoint(String url) {
    EndpointConfig endpoint = new EndpointConfig();
    endpoint.setUrl(url);
    return endpoint;
  }

  /** The example from the documentation. */
  static HealthConfig documentedExample() {
    EndpointConfig ready = endpoint("https://api.example.com/health/ready");
    ready.setExpectStatus("200");
    EndpointConfig version = endpoint("https://api.example.com/health?verbose=true");
    version.setJsonPointer("/version");
    version.setExpectValue("1.2.0");
    HealthConfig health = new HealthConfig();
    health.setEndpoints(List.of(endpoint("https://api.example.com/health/live"), ready, version));
    health.setTimeout("60s");
    health.setInterval("1s");
    health.setRequestTimeout("5s");
    health.setSuccessThreshold(2);
    health.setPromoteTags(List.of("latest"));
    return health;
  }

  @Test
  void acceptsTheDocumentedExample() throws Exception {
    HealthGateSettings settings =
        HealthConfigValidator.validate(documentedExample(), CredentialsLookup.NONE);
    assertEquals(Duration.ofSeconds(60), settings.timeout());
    assertEquals(Duration.ofSeconds(1), settings.interval());
    assertEquals(Duration.ofSeconds(5), settings.requestTimeout());
    assertEquals(2, settings.successThreshold());
    assertEquals(3, settings.endpoints().size());
    EndpointCheck live = settings.endpoints().get(0);
    assertEquals("GET", live.method());
    assertEquals("200-299", live.expectStatus().toString());
    assertNull(live.jsonPointer());
    EndpointCheck version = settings.endpoints().get(2);
    assertEquals("/version", version.jsonPointer().toString());
    assertEquals("1.2.0", version.expectValue());
  }

  @Test
  void defaultsAreSixtySecondsOneSecondFiveSecondsAndOnePass() throws Exception {
    HealthConfig health = new HealthConfig();
    health.setEndpoints(List.of(endpoint("http://localhost:8080/health")));
    HealthGateSettings settings = HealthConfigValidator.validate(health, CredentialsLookup.NONE);
    assertEquals(Duration.ofSeconds(60), settings.timeout());
    assertEquals(Duration.ofSeconds(1), settings.interval());
    assertEquals(Duration.ofSeconds(5), settings.requestTimeout());
    assertEquals(1, settings.successThreshold());
  }

  @Test
  void listsEveryProblemNamingTheElement() {
    EndpointConfig badStatus = endpoint("https://api.example.com/health");
    badStatus.setExpectStatus("2xx");
    badStatus.setJsonPointer("version");
    badStatus.setExpectValue("1.0");
    EndpointConfig valueWithoutPointer = endpoint("https://api.example.com/health");
    valueWithoutPointer.setExpectValue("1.0");
    HealthConfig health = new HealthConfig();
    health.setEndpoints(
        List.of(
            endpoint("https://api.example.com/ok"),
            endpoint("ftp://api.example.com/health"),
            badStatus,
            valueWithoutPointer,
            endpoint(null),
            endpoint("localhost:8080/health")));
    health.setTimeout("0s");
    health.setInterval("-1s");
    health.setRequestTimeout("PT-5S");
    health.setSuccessThreshold(0);

    HealthConfigException e =
        assertThrows(
            HealthConfigException.class,
            () -> HealthConfigValidator.validate(health, CredentialsLookup.NONE));

    assertEquals(
        List.of(
            "<health><endpoints><endpoint>[2]<url> 'ftp://api.example.com/health' must start with"
                + " http:// or https://",
            "<health><endpoints><endpoint>[3]<expectStatus> '2xx' in '2xx' is not a status: use"
                + " 200, 200-299 or a comma list such as 200,204",
            "<health><endpoints><endpoint>[3]<jsonPointer> 'version' is not a JSON Pointer (RFC"
                + " 6901): write it like /version or /build/version",
            "<health><endpoints><endpoint>[4]<jsonPointer> is required with <expectValue>: where in"
                + " the JSON body to look, e.g. /version",
            "<health><endpoints><endpoint>[5]<url> is required, e.g."
                + " https://api.example.com/health",
            "<health><endpoints><endpoint>[6]<url> 'localhost:8080/health' must start with http://"
                + " or https://",
            "<health><timeout> must be positive, was '0s'",
            "<health><interval> '-1s' is not a duration: use a number with ms, s, m or h (500ms,"
                + " 30s, 2m) or ISO-8601 (PT30S)",
            "<health><requestTimeout> must be positive, was 'PT-5S'",
            "<health><successThreshold> must be >= 1, was 0"),
        e.problems());
    assertTrue(
        e.getMessage().contains("  - <health><successThreshold> must be >= 1"), e.getMessage());
  }

  @Test
  void promoteTagsMustBeImageTags() {
    HealthConfig health = documentedExample();
    health.setPromoteTags(List.of("latest", "not a tag", ".hidden"));

    HealthConfigException e =
        assertThrows(
            HealthConfigException.class,
            () -> HealthConfigValidator.validate(health, CredentialsLookup.NONE));

    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(
        e.problems()
            .get(0)
            .startsWith("<health><promoteTags><tag>[2] 'not a tag' is not an image tag"));
    assertTrue(
        e.problems()
            .get(1)
            .startsWith("<health><promoteTags><tag>[3] '.hidden' is not an image tag"));
  }

  @Test
  void thePreviousTagMustBeAnImageTagToo() {
    HealthConfig health = documentedExample();
    health.setPromoteTags(List.of("prod"));
    health.setPreviousTagSuffix("/before");

    HealthConfigException e =
        assertThrows(
            HealthConfigException.class,
            () -> HealthConfigValidator.validate(health, CredentialsLookup.NONE));

    assertEquals(
        List.of(
            "<health><previousTagSuffix> '/before' makes 'prod/before', which is not an image tag"
                + " (letters, digits, _ . -, at most 128 characters, not starting with . or -)"),
        e.problems());
    health.setPreviousTagSuffix("");
    assertEquals(java.util.Optional.empty(), health.previousTag("prod"));
  }

  @Test
  void requiresAtLeastOneEndpoint() {
    HealthConfigException e =
        assertThrows(
            HealthConfigException.class,
            () -> HealthConfigValidator.validate(new HealthConfig(), CredentialsLookup.NONE));
    assertEquals(
        List.of("<health><endpoints> must list at least one <endpoint><url>"), e.problems());
  }

  @Test
  void rejectsCredentialsInUrlsRestrictedHeadersAndBodyChecksOnHead() {
    EndpointConfig withUserInfo = endpoint("https://ops:secret@api.example.com/health");
    EndpointConfig restrictedHeader = endpoint("https://api.example.com/health");
    restrictedHeader.setHeaders(Map.of("Host", "evil.example.com"));
    EndpointConfig head = endpoint("https://api.example.com/health");
    head.setMethod("head");
    head.setBodyContains("UP");
    EndpointConfig delete = endpoint("https://api.example.com/health");
    delete.setMethod("DELETE");
    HealthConfig health = new HealthConfig();
    health.setEndpoints(List.of(withUserInfo, restrictedHeader, head, delete));

    HealthConfigException e =
        assertThrows(
            HealthConfigException.class,
            () -> HealthConfigValidator.validate(health, CredentialsLookup.NONE));

    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(
        e.problems()
            .get(0)
            .startsWith("<health><endpoints><endpoint>[1]<url> must not contain credentials"));
    assertTrue(
        e.problems()
            .get(1)
            .startsWith("<health><endpoints><endpoint>[2]<headers><Host> cannot be sent"));
    assertTrue(
        e.problems()
            .get(2)
            .startsWith("<health><endpoints><endpoint>[3]<method> HEAD gets no body"));
    assertTrue(
        e.problems()
            .get(3)
            .startsWith("<health><endpoints><endpoint>[4]<method> 'DELETE' is not supported"));
    assertTrue(
        !e.getMessage().contains("secret"), "the password must not be echoed: " + e.getMessage());
  }

  @Test
  void resolvesServerIdToBasicCredentials() throws Exception {
    EndpointConfig known = endpoint("https://api.example.com/health");
    known.setServerId("health-api");
    HealthConfig health = new HealthConfig();
    health.setEndpoints(List.of(known));

    EndpointCheck check = HealthConfigValidator.validate(health, DEPLOY_SERVER).endpoints().get(0);

    assertEquals(new BasicCredentials("ops", "s3cret"), check.credentials());
    assertTrue(!check.credentials().toString().contains("s3cret"));
  }

  @Test
  void rejectsUnknownServerIdAndAuthorizationHeaderTogetherWithServerId() {
    EndpointConfig unknown = endpoint("https://api.example.com/health");
    unknown.setServerId("nope");
    EndpointConfig both = endpoint("https://api.example.com/health");
    both.setServerId("health-api");
    both.setHeaders(Map.of("Authorization", "Bearer x"));
    HealthConfig health = new HealthConfig();
    health.setEndpoints(List.of(unknown, both));

    HealthConfigException e =
        assertThrows(
            HealthConfigException.class,
            () -> HealthConfigValidator.validate(health, DEPLOY_SERVER));

    assertEquals(
        List.of(
            "<health><endpoints><endpoint>[1]<serverId> 'nope' has no <server> with that <id> in"
                + " settings.xml",
            "<health><endpoints><endpoint>[2]<headers> sets Authorization and <serverId> sends"
                + " basic auth: use only one of them"),
        e.problems());
  }

  @Test
  void smokeMovesEndpointsToLocalPortAndUsesItsOwnTimeout() throws Exception {
    SmokeConfig smoke = new SmokeConfig();
    smoke.setPort(8080);
    smoke.setTimeout("90s");
    smoke.setRuntime("runc");
    smoke.setEnvironment(Map.of("SPRING_PROFILES_ACTIVE", "smoke"));

    SmokeSettings settings =
        HealthConfigValidator.validateSmoke(smoke, documentedExample(), CredentialsLookup.NONE);

    assertEquals(EngineChoice.AUTO, settings.engine());
    assertEquals("runc", settings.runtime());
    assertEquals(Duration.ofSeconds(90), settings.gate().timeout());
    assertEquals(2, settings.gate().successThreshold());
    assertEquals(
        URI.create("http://127.0.0.1:8080/health/live"), settings.gate().endpoints().get(0).url());
    assertEquals(
        URI.create("http://127.0.0.1:8080/health?verbose=true"),
        settings.gate().endpoints().get(2).url());
    assertEquals("1.2.0", settings.gate().endpoints().get(2).expectValue());
    assertEquals(Map.of("SPRING_PROFILES_ACTIVE", "smoke"), settings.environment());
  }

  @Test
  void smokeProblemsNameTheSmokeElements() {
    SmokeConfig smoke = new SmokeConfig();
    smoke.setEngine("lxc");
    smoke.setRuntime("runc --debug");
    smoke.setTimeout("soon");
    smoke.setEnvironment(Map.of("BAD-NAME", "x"));

    HealthConfigException e =
        assertThrows(
            HealthConfigException.class,
            () ->
                HealthConfigValidator.validateSmoke(
                    smoke, documentedExample(), CredentialsLookup.NONE));

    assertEquals(
        List.of(
            "<smoke><timeout> 'soon' is not a duration: use a number with ms, s, m or h (500ms,"
                + " 30s, 2m) or ISO-8601 (PT30S)",
            "<smoke><engine> 'lxc' is not an engine: use auto, podman or docker",
            "<smoke><runtime> 'runc --debug' is not a runtime name or path (e.g. runc, crun)",
            "<smoke><port> is required: the port the service listens on inside the container",
            "<smoke><environment><BAD-NAME> is not an environment variable name (letters, digits,"
                + " _)"),
        e.problems());
  }
}
