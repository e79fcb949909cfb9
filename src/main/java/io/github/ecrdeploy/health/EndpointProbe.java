package io.github.ecrdeploy.health;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecrdeploy.DurationParser;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one request to an endpoint and judges the answer; never completes exceptionally. */
final class EndpointProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EndpointProbe() {}

  /**
   * Requests {@code check}; a request without a complete response within {@code timeout} is a
   * failure.
   */
  static CompletableFuture<ProbeOutcome> send(
      HttpClient client, EndpointCheck check, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(check.url())
            .timeout(timeout)
            .method(check.method(), HttpRequest.BodyPublishers.noBody());
    for (Map.Entry<String, String> header : check.headers().entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    if (check.credentials() != null) {
      request.header("Authorization", check.credentials().authorizationHeader());
    }
    CompletableFuture<HttpResponse<String>> exchange =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    return exchange
        .copy()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (response, error) -> {
              if (error != null) {
                exchange.cancel(true);
                return ProbeOutcome.noResponse(describe(error, timeout));
              }
              return judge(check, response.statusCode(), response.body());
            });
  }

  /**
   * Judges a response: status first, then {@code bodyContains}, then the value at {@code
   * jsonPointer}.
   */
  static ProbeOutcome judge(EndpointCheck check, int status, String body) {
    String failure = null;
    if (!check.expectStatus().matches(status)) {
      failure = "status " + status + ", expected " + check.expectStatus();
    } else if (check.bodyContains() != null
        && (body == null || !body.contains(check.bodyContains()))) {
      failure = "body does not contain \"" + check.bodyContains() + "\"";
    } else if (check.jsonPointer() != null) {
      failure = jsonValueFailure(check, body);
    }
    return new ProbeOutcome(status, body, failure);
  }

  private static String jsonValueFailure(EndpointCheck check, String body) {
    String pointer = check.jsonPointer().toString();
    String expected = check.expectValue();
    JsonNode node;
    try {
      node = JSON.readTree(body == null ? "" : body).at(check.jsonPointer());
    } catch (JacksonException e) {
      return "body is not JSON, expected " + pointer + " = \"" + expected + "\"";
    }
    if (node.isMissingNode()) {
      return "no " + pointer + " in the JSON body, expected \"" + expected + "\"";
    }
    String actual = node.isValueNode() ? node.asText() : node.toString();
    if (!actual.equals(expected)) {
      return "wrong version: " + pointer + " is \"" + actual + "\", expected \"" + expected + "\"";
    }
    return null;
  }

  private static String describe(Throwable error, Duration timeout) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String limit = DurationParser.format(timeout);
    if (cause instanceof HttpConnectTimeoutException) {
      return "no connection within " + limit + " (request timeout)";
    }
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "no response within " + limit + " (request timeout)";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
