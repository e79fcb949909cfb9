package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageBuilderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LOG = new ArrayList<>();

  private static TestRegistry registry;
  private static BaseImageBuilder builder;
  private static String pushedDigest;

  @TempDir static Path temp;

  @BeforeAll
  static void pushBaseImage() throws Exception {
    registry = TestRegistry.builder().start();
    builder = new BaseImageBuilder(BaseImageBuilder.defaultCacheDir(), LOG::add);
    pushedDigest = builder.pushTo(registry, BaseImageBuilder.REPOSITORY_AND_TAG);
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void jreTreeHasJavaLoaderBusyboxAndNoSymlinks(@TempDir Path cache) throws Exception {
    Path root = JreRootFs.prepare(cache, LOG::add);

    assertTrue(Files.isExecutable(root.resolve("opt/java/bin/java")));
    assertTrue(Files.isRegularFile(root.resolve("opt/java/lib/server/libjvm.so")));
    assertTrue(Files.isRegularFile(root.resolve("lib64/ld-linux-x86-64.so.2")));
    assertTrue(Files.isRegularFile(root.resolve("lib/x86_64-linux-gnu/libc.so.6")));
    assertTrue(Files.isRegularFile(root.resolve("lib/x86_64-linux-gnu/libz.so.1")));
    assertTrue(Files.isExecutable(root.resolve("bin/busybox")));
    assertTrue(Files.isExecutable(root.resolve("bin/sh")));
    assertFalse(Files.exists(root.resolve("opt/java/jmods")), "jlink output should hold no jmods");
    try (Stream<Path> paths = Files.walk(root)) {
      assertEquals(List.of(), paths.filter(Files::isSymbolicLink).toList());
    }
    assertEquals(root, JreRootFs.prepare(cache, LOG::add), "second call uses the cache");
  }

  @Test
  void pushedImageIsOciWithOneLayerEnvironmentAndFixedTimes() throws Exception {
    HttpResponse<String> manifestResponse =
        get("/v2/base/jre/manifests/17", "application/vnd.oci.image.manifest.v1+json");
    assertEquals(200, manifestResponse.statusCode(), manifestResponse.body());
    assertEquals(
        pushedDigest, manifestResponse.headers().firstValue("Docker-Content-Digest").orElseThrow());
    JsonNode manifest = JSON.readTree(manifestResponse.body());
    assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.path("mediaType").asText());
    assertEquals(1, manifest.path("layers").size());

    JsonNode config =
        JSON.readTree(
            get("/v2/base/jre/blobs/" + manifest.path("config").path("digest").asText(), "*/*")
                .body());
    assertEquals("amd64", config.path("architecture").asText());
    assertEquals("linux", config.path("os").asText());
    assertEquals("1970-01-01T00:00:00Z", config.path("created").asText());
    List<String> env = new ArrayList<>();
    config.path("config").path("Env").forEach(value -> env.add(value.asText()));
    assertEquals(
        List.of("PATH=/opt/java/bin:/bin", "JAVA_HOME=/opt/java"),
        env,
        "fixed order, stable digest");
  }

  @Test
  void pushingAgainGivesTheSameDigest() throws Exception {
    assertEquals(pushedDigest, builder.pushTo(registry, "base/jre:again"));
  }

  @Test
  void multiPlatformBaseIsAnOciIndexOverTheJreImageAndAnArm64Variant() throws Exception {
    String indexDigest =
        builder.pushMultiPlatformTo(registry, BaseImageBuilder.MULTI_PLATFORM_REPOSITORY_AND_TAG);

    HttpResponse<String> response =
        get("/v2/base/jre-multi/manifests/17", "application/vnd.oci.image.index.v1+json");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(indexDigest, response.headers().firstValue("Docker-Content-Digest").orElseThrow());
    assertEquals(indexDigest, sha256(response.body().getBytes(StandardCharsets.UTF_8)));
    JsonNode index = JSON.readTree(response.body());
    assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
    assertEquals(2, index.path("manifests").size());
    JsonNode amd64 = index.path("manifests").path(0);
    JsonNode arm64 = index.path("manifests").path(1);
    assertEquals("amd64", amd64.path("platform").path("architecture").asText());
    assertEquals(
        pushedDigest,
        amd64.path("digest").asText(),
        "the amd64 image is the JRE base image itself");
    assertEquals("arm64", arm64.path("platform").path("architecture").asText());
    assertEquals("linux", arm64.path("platform").path("os").asText());

    String arm64Manifest =
        get(
                "/v2/base/jre-multi/manifests/" + arm64.path("digest").asText(),
                "application/vnd.oci.image.manifest.v1+json")
            .body();
    assertEquals(
        arm64.path("size").asLong(), arm64Manifest.getBytes(StandardCharsets.UTF_8).length);
    JsonNode config =
        JSON.readTree(
            get(
                    "/v2/base/jre-multi/blobs/"
                        + JSON.readTree(arm64Manifest).path("config").path("digest").asText(),
                    "*/*")
                .body());
    assertEquals("arm64", config.path("architecture").asText());
    assertEquals(
        indexDigest, builder.pushMultiPlatformTo(registry, "base/jre-multi:again"), "reproducible");
  }

  @Test
  void tarHoldsTheSameImageInDockerSaveForm() throws Exception {
    Path tar = temp.resolve("base.tar");
    builder.writeTar(tar, registry.host() + "/" + BaseImageBuilder.REPOSITORY_AND_TAG);

    Path extracted = Files.createDirectories(temp.resolve("extracted"));
    TestTools.run(Duration.ofMinutes(1), "tar", "-xf", tar.toString(), "-C", extracted.toString());
    JsonNode entry = JSON.readTree(extracted.resolve("manifest.json").toFile()).path(0);
    assertEquals(registry.host() + "/base/jre:17", entry.path("RepoTags").path(0).asText());
    assertEquals(1, entry.path("Layers").size());

    JsonNode manifest =
        JSON.readTree(
            get("/v2/base/jre/manifests/17", "application/vnd.oci.image.manifest.v1+json").body());
    byte[] tarConfig = Files.readAllBytes(extracted.resolve(entry.path("Config").asText()));
    assertEquals(manifest.path("config").path("digest").asText(), sha256(tarConfig), "same config");
    byte[] tarLayer = Files.readAllBytes(extracted.resolve(entry.path("Layers").path(0).asText()));
    assertEquals(
        manifest.path("layers").path(0).path("digest").asText(), sha256(tarLayer), "same layer");
  }

  @Test
  void imageRunsJavaAndShellUnderPodman() throws Exception {
    // A name of its own: other builds on this machine may load the same image (same id) at the same
    // time.
    String name = "localhost/ecr-deploy-testbed/base-jre-test:" + ProcessHandle.current().pid();
    Path tar = temp.resolve("run.tar");
    builder.writeTar(tar, name);
    Podman podman = new Podman(Podman.writeContainersConf(temp.resolve("containers.conf")));

    String loaded = podman.run(Duration.ofMinutes(2), "load", "-q", "-i", tar.toString());
    try {
      String shell =
          podman.run(Duration.ofMinutes(2), "run", "--rm", name, "sh", "-c", "echo $JAVA_HOME");
      String javaVersion =
          podman.run(
              Duration.ofMinutes(2),
              "run",
              "--rm",
              name,
              "sh",
              "-c",
              "java -XshowSettings:properties -version 2>&1 | grep java.version");

      assertTrue(loaded.contains(name), loaded);
      assertEquals("/opt/java", shell.trim());
      assertTrue(javaVersion.contains(System.getProperty("java.version")), javaVersion);
    } finally {
      podman.run(Duration.ofMinutes(1), "rmi", name);
    }
  }

  private static HttpResponse<String> get(String path, String accept) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(registry.sslContext())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (registry.user() + ":" + registry.password()).getBytes(StandardCharsets.UTF_8));
    return client.send(
        HttpRequest.newBuilder(registry.baseUri().resolve(path))
            .header("Authorization", "Basic " + auth)
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
