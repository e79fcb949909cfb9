package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The few registry v2 HTTP API calls the emulator needs (tags, manifests, blob existence, catalog),
 * made with basic auth over TLS to the test registry. No registry logic beyond that.
 */
final class RegistryHttpApi {

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  static final List<String> MANIFEST_TYPES =
      List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  /**
   * User-Agent of the emulator's own registry requests, so that its reads are not taken for image
   * pulls.
   */
  static final String USER_AGENT = "ecr-emulator";

  private static final String ACCEPT = String.join(", ", MANIFEST_TYPES);

  /** A manifest as the registry stores it. */
  record Manifest(String digest, String mediaType, byte[] bytes) {}

  /**
   * A registry answer other than the expected one; {@code code} is the first v2 error code, if any.
   */
  static final class RegistryException extends RuntimeException {
    private final int status;
    private final String code;

    RegistryException(String message, int status, String code) {
      super(message);
      this.status = status;
      this.code = code;
    }

    int status() {
      return status;
    }

    String code() {
      return code;
    }
  }

  private final String host;
  private final String authorization;
  private final HttpClient http;

  RegistryHttpApi(String host, String user, String password, SSLContext sslContext) {
    this.host = host;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.http =
        HttpClient.newBuilder()
            .sslContext(sslContext)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** The registry's {@code host:port}. */
  String host() {
    return host;
  }

  /** All tags of a repository; empty when the registry does not know the repository. */
  List<String> tags(String repository) {
    HttpResponse<byte[]> response = send(request("/v2/" + repository + "/tags/list").GET());
    if (response.statusCode() == 404) {
      return List.of();
    }
    expect(response, 200);
    List<String> tags = new ArrayList<>();
    readJson(response).path("tags").forEach(tag -> tags.add(tag.asText()));
    return tags;
  }

  /** The digest a reference (tag or digest) resolves to, from a {@code HEAD} on the manifest. */
  Optional<String> digestOf(String repository, String reference) {
    HttpResponse<byte[]> response =
        send(
            request("/v2/" + repository + "/manifests/" + reference)
                .header("Accept", ACCEPT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    expect(response, 200);
    return response.headers().firstValue("Docker-Content-Digest");
  }

  /** The manifest a reference resolves to, byte for byte. */
  Optional<Manifest> manifest(String repository, String reference) {
    HttpResponse<byte[]> response =
        send(
            request("/v2/" + repository + "/manifests/" + reference)
                .header("Accept", ACCEPT)
                .GET());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    expect(response, 200);
    String digest =
        response
            .headers()
            .firstValue("Docker-Content-Digest")
            .orElseThrow(
                () ->
                    new RegistryException("no Docker-Content-Digest for " + reference, 200, null));
    String mediaType = response.headers().firstValue("Content-Type").orElse(null);
    return Optional.of(new Manifest(digest, mediaType, response.body()));
  }

  /** Stores a manifest under a tag or its digest; returns the digest the registry computed. */
  String putManifest(String repository, String reference, byte[] manifest, String mediaType) {
    HttpResponse<byte[]> response =
        send(
            request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    expect(response, 201);
    return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
  }

  /** Deletes a manifest (and with it every tag on it); false when the registry does not have it. */
  boolean deleteManifest(String repository, String digest) {
    HttpResponse<byte[]> response =
        send(request("/v2/" + repository + "/manifests/" + digest).DELETE());
    if (response.statusCode() == 404) {
      return false;
    }
    expect(response, 202);
    return true;
  }

  boolean blobExists(String repository, String digest) {
    HttpResponse<byte[]> response =
        send(
            request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    if (response.statusCode() == 404) {
      return false;
    }
    expect(response, 200);
    return true;
  }

  /** Repository names the registry holds (first 10,000). */
  List<String> catalog() {
    HttpResponse<byte[]> response = send(request("/v2/_catalog?n=10000").GET());
    expect(response, 200);
    List<String> names = new ArrayList<>();
    readJson(response).path("repositories").forEach(name -> names.add(name.asText()));
    return names;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("https://" + host + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization)
        .header("User-Agent", USER_AGENT);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void expect(HttpResponse<byte[]> response, int status) {
    if (response.statusCode() == status) {
      return;
    }
    String body = new String(response.body(), StandardCharsets.UTF_8);
    String code = null;
    try {
      code = WireJson.parse(body).path("errors").path(0).path("code").asText(null);
    } catch (IOException notJson) {
      // keep the raw body in the message
    }
    throw new RegistryException(
        response.request().method()
            + " "
            + response.request().uri().getPath()
            + " answered "
            + response.statusCode()
            + ": "
            + body.strip(),
        response.statusCode(),
        code);
  }

  private static JsonNode readJson(HttpResponse<byte[]> response) {
    try {
      return WireJson.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
