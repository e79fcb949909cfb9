package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrdeploy.RecordingLog;
import io.github.ecrdeploy.Secrets;
import io.github.ecrdeploy.testbed.FaultProxy.Fault;
import io.github.ecrdeploy.testbed.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The registry half of the fault matrix: faults injected between the push and a real registry.
 * Transient faults end in a complete push within the retries, each retry logged with its cause;
 * persistent ones fail with one line that says what to do, leave no tag behind, and the same push
 * afterwards converges. After every push, every tag in the repository points at an image whose
 * blobs are all in the registry, and no log line or exception holds a secret.
 */
class RegistryFaultTest {
  private static final String UPLOAD_START = "/v2/.+/blobs/uploads/";
  private static final String UPLOAD_SESSION = "/v2/.+/blobs/uploads/.+";
  private static final String BLOB = "/v2/.+/blobs/sha256:.+";
  private static final String MANIFEST = "/v2/.+/manifests/.+";

  /**
   * What Jib waits for an answer here (-Djib.httpTimeout), so that a slow answer is quick to
   * provoke.
   */
  private static final int HTTP_TIMEOUT_MILLIS = 3000;

  @TempDir static Path dir;
  static FaultBed bed;
  private static String previousTimeout;

  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void start() throws Exception {
    bed = FaultBed.start(dir);
    previousTimeout = System.getProperty("jib.httpTimeout");
    System.setProperty("jib.httpTimeout", String.valueOf(HTTP_TIMEOUT_MILLIS));
  }

  @AfterAll
  static void stop() throws Exception {
    if (previousTimeout == null) {
      System.clearProperty("jib.httpTimeout");
    } else {
      System.setProperty("jib.httpTimeout", previousTimeout);
    }
    if (bed != null) {
      bed.close();
    }
  }

  @BeforeEach
  void clean() {
    bed.reset();
  }

  @AfterEach
  void noSecretsLogged() {
    Secrets.assertAbsent("the build log", log.text());
  }

  private void assertPushedAndComplete(String repository, PushResult result, String... tags) {
    assertEquals(bed.image.digest(), result.digest());
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    for (String tag : tags) {
      expected.put(tag, bed.image.digest());
    }
    assertEquals(expected, bed.inspector.tags(repository));
    assertEquals(List.of(), bed.inspector.incompleteTags(repository));
  }

  private void assertNothingTagged(String repository) {
    assertEquals(Map.of(), bed.inspector.tags(repository), "a failed push left tags");
    assertEquals(0, bed.calls("PutImage"), "a failed push called PutImage");
  }

  private EcrDeployException pushFails(String repository, int retries) {
    EcrDeployException e =
        assertThrows(
            EcrDeployException.class, () -> bed.push(repository, retries, log, "1.0", "latest"));
    Secrets.assertAbsent(e);
    assertFalse(e.getMessage().contains("\n"), "not one line: " + e.getMessage());
    return e;
  }

  private List<String> retryWarnings() {
    return log.warnings().stream().filter(w -> w.startsWith("Push attempt ")).toList();
  }

  @ParameterizedTest(name = "{0} {1} answers {2} twice")
  @CsvSource({
    "POST, " + UPLOAD_START + ", 500",
    "PATCH, " + UPLOAD_SESSION + ", 502",
    "PUT, " + UPLOAD_SESSION + ", 503",
    "PUT, " + MANIFEST + ", 500",
    "PUT, " + MANIFEST + ", 502",
    "PUT, " + MANIFEST + ", 503",
    "HEAD, " + BLOB + ", 500",
    "HEAD, " + BLOB + ", 502",
    "HEAD, " + BLOB + ", 503",
  })
  void transientServerErrorsAreRetriedUntilThePushIsComplete(String method, String path, int status)
      throws Exception {
    String repository = FaultBed.uniqueRepository("transient-" + status);
    bed.proxy.inject(Fault.on(method, path).status(status, "UNAVAILABLE").times(2));

    PushResult result = bed.push(repository, 3, log, "1.0", "latest");

    assertPushedAndComplete(repository, result, "1.0", "latest");
    assertEquals(2, bed.proxy.faulted().size(), bed.proxy.exchanges().toString());
    // Jib uploads blobs in parallel, so both faults may hit the same attempt.
    List<String> retries = retryWarnings();
    assertTrue(retries.size() == 1 || retries.size() == 2, log.text());
    for (String retry : retries) {
      assertTrue(retry.contains("HTTP " + status), "cause not logged: " + retry);
    }
  }

  @Test
  void persistentManifestFailureLeavesNoTagAndTheSamePushLaterConverges() throws Exception {
    String repository = FaultBed.uniqueRepository("manifest-down");
    bed.proxy.inject(Fault.on("PUT", MANIFEST).status(503, "UNAVAILABLE").always());

    EcrDeployException e = pushFails(repository, 2);

    assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().contains("run deploy again"), e.getMessage());
    assertNothingTagged(repository);
    assertFalse(bed.inspector.hasManifest(repository, bed.image.digest()));

    bed.proxy.reset();
    PushResult again = bed.push(repository, 2, log, "1.0", "latest");
    assertPushedAndComplete(repository, again, "1.0", "latest");
  }

  @Test
  void persistentUploadFailureLeavesNoTagAndTheSamePushLaterConverges() throws Exception {
    String repository = FaultBed.uniqueRepository("upload-down");
    bed.proxy.inject(Fault.on("PATCH", UPLOAD_SESSION).status(500, "UNKNOWN").always());

    EcrDeployException e = pushFails(repository, 1);

    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    assertNothingTagged(repository);

    bed.proxy.reset();
    assertPushedAndComplete(
        repository, bed.push(repository, 1, log, "1.0", "latest"), "1.0", "latest");
  }

  @Test
  void connectionResetInTheMiddleOfALayerUploadIsRetried() throws Exception {
    String repository = FaultBed.uniqueRepository("reset");
    bed.proxy.inject(Fault.on("PATCH", UPLOAD_SESSION).reset().times(2));

    PushResult result = bed.push(repository, 3, log, "1.0");

    assertPushedAndComplete(repository, result, "1.0");
    assertEquals(2, bed.proxy.faulted().size());
    assertTrue(
        bed.proxy.faulted().stream().allMatch(exchange -> exchange.status() == 0),
        bed.proxy.faulted().toString());
    assertTrue(log.text().contains("failed and will be retried"), log.text());
    assertFalse(
        log.text().contains("_state="), "upload URLs are logged with their query: " + log.text());
  }

  @ParameterizedTest(name = "{0} reset after forwarding {1} of its body, twice")
  @CsvSource({
    "PATCH, 0.01", // the first bytes
    "PATCH, 0.5", // the middle
    "PATCH, 0.99", // the last chunk
    "PUT, 0.5", // the final PUT that commits the upload
  })
  void uploadCutAfterPartOfTheBodyReachedTheRegistryRestartsAndCompletes(
      String method, double fraction) throws Exception {
    String repository = FaultBed.uniqueRepository("partial-" + method.toLowerCase());
    bed.proxy.inject(Fault.on(method, UPLOAD_SESSION).resetAfterForwarding(fraction).times(2));

    PushResult result = bed.push(repository, 5, log, "1.0");

    assertPushedAndComplete(repository, result, "1.0");
    assertEquals(2, bed.proxy.faulted().size(), bed.proxy.exchanges().toString());
    assertTrue(
        bed.proxy.faulted().stream().allMatch(exchange -> exchange.status() == 0),
        bed.proxy.faulted().toString());
  }

  @Test
  void answerSlowerThanTheTimeoutIsRetried() throws Exception {
    String repository = FaultBed.uniqueRepository("slow");
    bed.proxy.inject(Fault.on("HEAD", BLOB).delay(Duration.ofMillis(2 * HTTP_TIMEOUT_MILLIS)));

    PushResult result = bed.push(repository, 3, log, "1.0");

    assertPushedAndComplete(repository, result, "1.0");
    assertEquals(1, bed.proxy.faulted().size());
  }

  @Test
  void tokenExpiredInTheMiddleOfThePushGetsOneNewTokenThenSucceeds() throws Exception {
    String repository = FaultBed.uniqueRepository("expired");
    bed.proxy.inject(Fault.on("PUT", UPLOAD_SESSION).status(401, "UNAUTHORIZED"));

    PushResult result = bed.push(repository, 3, log, "1.0");

    assertPushedAndComplete(repository, result, "1.0");
    assertEquals(2, bed.calls("GetAuthorizationToken"), "expected exactly one new token");
    assertTrue(retryWarnings().get(0).contains("with a new registry token"), log.text());
    assertEquals(
        result.layersUploaded(),
        log.lines().stream().filter(line -> line.contains(": uploaded layer ")).count(),
        "one line per uploaded layer, also across the retry: " + log.text());
  }

  @Test
  void tokenRejectedAgainAfterTheNewOneFailsWithAHint() throws Exception {
    String repository = FaultBed.uniqueRepository("refused");
    bed.proxy.inject(Fault.on("PUT", UPLOAD_SESSION).status(401, "UNAUTHORIZED").always());

    EcrDeployException e = pushFails(repository, 3);

    assertEquals(2, bed.calls("GetAuthorizationToken"), "expected exactly one new token");
    assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
    assertNothingTagged(repository);

    bed.proxy.reset();
    assertPushedAndComplete(
        repository, bed.push(repository, 3, log, "1.0", "latest"), "1.0", "latest");
  }

  @Test
  void uploadUnknownAfterATimedOutCommitChecksTheBlobAndRestartsTheUpload() throws Exception {
    String repository = FaultBed.uniqueRepository("commit-timeout");
    // The registry commits the blob but the answer comes too late; the client's repeated commit
    // then meets an upload
    // session the registry has already closed: 404 BLOB_UPLOAD_UNKNOWN, from the registry itself.
    bed.proxy.inject(
        Fault.on("PUT", UPLOAD_SESSION).delay(Duration.ofMillis(2 * HTTP_TIMEOUT_MILLIS)));

    PushResult result = bed.push(repository, 3, log, "1.0");

    assertPushedAndComplete(repository, result, "1.0");
    assertTrue(
        bed.proxy.exchanges().stream()
            .anyMatch(x -> x.method().equals("PUT") && x.status() == 404 && x.fault() == null),
        "the registry never answered BLOB_UPLOAD_UNKNOWN: " + bed.proxy.exchanges());
    assertTrue(
        retryWarnings().stream().anyMatch(w -> w.contains("BLOB_UPLOAD_UNKNOWN")), log.text());
  }

  @Test
  void uploadInvalidOnAPatchRestartsTheUploadFromANewSession() throws Exception {
    String repository = FaultBed.uniqueRepository("upload-invalid");
    // what docker-registry answers to a PATCH repeated on a session whose connection broke mid-body
    bed.proxy.inject(
        Fault.on("PATCH", UPLOAD_SESSION).statusAfterForwarding(404, "BLOB_UPLOAD_INVALID"));

    PushResult result = bed.push(repository, 3, log, "1.0");

    assertPushedAndComplete(repository, result, "1.0");
    assertEquals(1, retryWarnings().size(), log.text());
    assertTrue(retryWarnings().get(0).contains("BLOB_UPLOAD_INVALID"), log.text());
  }

  @Test
  void rangeNotSatisfiableOnAPatchRestartsTheUpload() throws Exception {
    String repository = FaultBed.uniqueRepository("upload-range");
    bed.proxy.inject(Fault.on("PATCH", UPLOAD_SESSION).status(416, "RANGE_INVALID"));

    PushResult result = bed.push(repository, 3, log, "1.0");

    assertPushedAndComplete(repository, result, "1.0");
    assertEquals(1, retryWarnings().size(), log.text());
  }

  @Test
  void uploadUnknownOnCommitRestartsTheUpload() throws Exception {
    String repository = FaultBed.uniqueRepository("upload-unknown");
    bed.proxy.inject(
        Fault.on("PUT", UPLOAD_SESSION).statusAfterForwarding(404, "BLOB_UPLOAD_UNKNOWN"));

    PushResult result = bed.push(repository, 3, log, "1.0");

    assertPushedAndComplete(repository, result, "1.0");
    assertEquals(1, retryWarnings().size(), log.text());
  }

  @Test
  void unreachableRegistryFailsWithTheCauseAndAHint() throws Exception {
    String repository = FaultBed.uniqueRepository("unreachable");
    bed.emulator.setProxyEndpoint("https://127.0.0.1:" + TestRegistry.freePort());

    EcrDeployException e = pushFails(repository, 1);

    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    assertTrue(e.getMessage().contains("is the registry up and reachable"), e.getMessage());
    assertNothingTagged(repository);

    bed.reset();
    assertPushedAndComplete(
        repository, bed.push(repository, 1, log, "1.0", "latest"), "1.0", "latest");
  }

  @Test
  void registryNameThatDoesNotResolveFailsAtOnce() throws Exception {
    String repository = FaultBed.uniqueRepository("no-dns");
    bed.emulator.setProxyEndpoint("https://registry.no-such-host.invalid");

    EcrDeployException e = pushFails(repository, 3);

    assertTrue(
        e.getMessage().contains("unknown host registry.no-such-host.invalid"), e.getMessage());
    assertTrue(e.getMessage().contains("check the registry name"), e.getMessage());
    assertEquals(List.of(), retryWarnings(), "a name that does not resolve is not worth a retry");
  }
}
