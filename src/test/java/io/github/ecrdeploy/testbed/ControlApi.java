package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The emulator's test control API: plain HTTP + JSON under {@code /_emulator/}, for JUnit tests and
 * for the verify scripts of invoker ITs. Every answer is JSON; failures are 4xx with {@code
 * {"__type"?, "message"}}.
 *
 * <pre>
 * GET  /_emulator/calls[?operation=Op]  [{"operation","request","errorType"?}] in arrival order
 * POST /_emulator/calls/clear
 * POST /_emulator/faults                {"operation" (or "*"),"count","errorType","status"?(400),"message"?,
 *                                       "after"?(0): calls of the operation to let through first}
 * POST /_emulator/faults              {"operation","count","answerLost": true,"after"?(0)}: the calls take effect,
 *                                       then the connection closes without an answer (the SDK retries)
 * POST /_emulator/registry-faults      {"method" (or "*"),"path": regex,"count","status"?(429),
 *                                       "code"?(TOOMANYREQUESTS)}: the registry's front answers that
 *                                       instead of relaying
 * POST /_emulator/faults/clear          (also the registry faults)
 * POST /_emulator/rate-limits           {"PutImage": {"rate": 3, "burst": 2}, ...}: ECR's per-account rate quota
 *                                       per action (calls per second, bucket size); a call beyond it gets
 *                                       400 ThrottlingException and takes no effect. Replaces those actions' limits
 * GET  /_emulator/rate-limits           {"limits": {...}, "throttled": {"PutImage": n, ...}}: calls refused so far
 * DELETE /_emulator/rate-limits         removes every limit; answers what GET answered just before
 * POST /_emulator/repositories          a CreateRepository body; answers the repository. With "registryId"
 *                                       of another account (EcrEmulator#addAccount): created there, as
 *                                       that account's administrator would
 * POST /_emulator/repository-policy     {"registryId"?,"repositoryName","policyText"}: SetRepositoryPolicy
 *                                       by the repository's account (grants to other accounts)
 * POST /_emulator/registry-policy       {"registryId","policyText"|null}: PutRegistryPolicy by that account (may grant
 *                                       other accounts ecr:CreateRepository there)
 * GET  /_emulator/state[?registryId=ID] repositories with policy and images (digest, tags, times, size, status),
 *                                       and repositoriesInRegistryEvents
 * POST /_emulator/images/pushedAt       {"registryId"?,"repositoryName","imageDigest"|"imageTag",
 *                                       "pushedAt": epoch seconds}
 * POST /_emulator/images/pulledAt       {"registryId"?,"repositoryName","imageDigest"|"imageTag",
 *                                       "lastRecordedPullTime": epoch seconds}
 * POST /_emulator/lifecycle/run         {"registryId"?,"repositoryName"}: applies the stored policy now; answers
 *                                       what it did
 *
 * "registryId" (default: the emulator's own account, EcrEmulator.REGISTRY_ID) names the account
 * whose repository is meant.
 * POST /_emulator/config                {"previewPollsBeforeComplete"?: n,
 *                                       "proxyEndpoint"?: "https://host:port" or null}
 * GET  /_emulator/violations            ["..."]: what ECR would have refused but the registry accepted
 * GET  /_emulator/registry-refusals     ["PUT /v2/NAME/manifests/TAG: 400 TAG_INVALID", ...]: registry requests
 *                                       the registry's front refused as ECR does
 * POST /_emulator/registry-events       the registry's notification envelope (configure it as an endpoint)
 * POST /_emulator/reset                 forget repositories, calls, faults, rate limits, violations, refusals
 * </pre>
 */
final class ControlApi {

  private final EcrEmulator emulator;

  ControlApi(EcrEmulator emulator) {
    this.emulator = emulator;
  }

  void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      byte[] body = EcrEmulator.readAll(exchange.getRequestBody());
      try {
        JsonNode request = body.length == 0 ? WireJson.object() : WireJson.MAPPER.readTree(body);
        send(exchange, 200, route(route, exchange.getRequestURI().getQuery(), request));
      } catch (EcrServiceError e) {
        send(
            exchange,
            e.status() == 500 ? 500 : 400,
            WireJson.object().put("__type", e.type()).put("message", e.getMessage()));
      } catch (IOException | IllegalArgumentException e) {
        send(exchange, 400, WireJson.object().put("message", String.valueOf(e.getMessage())));
      } catch (NoSuchRoute e) {
        send(exchange, 404, WireJson.object().put("message", "No control endpoint " + route));
      } catch (RuntimeException e) {
        send(exchange, 500, WireJson.object().put("message", e.toString()));
      }
    }
  }

  private JsonNode route(String route, String query, JsonNode request) {
    return switch (route) {
      case "GET /_emulator/calls" -> calls(query);
      case "POST /_emulator/calls/clear" -> done(emulator::clearCalls);
      case "POST /_emulator/faults" ->
          done(
              () -> {
                if (request.path("answerLost").asBoolean(false)) {
                  emulator.loseAnswers(
                      required(request, "operation").asText(),
                      request.path("after").asInt(0),
                      required(request, "count").asInt());
                  return;
                }
                emulator.addFault(
                    required(request, "operation").asText(),
                    request.path("after").asInt(0),
                    required(request, "count").asInt(),
                    required(request, "errorType").asText(),
                    request.path("status").asInt(400),
                    request.path("message").asText(null));
              });
      case "POST /_emulator/registry-faults" ->
          done(
              () ->
                  emulator.failRegistryNext(
                      required(request, "method").asText(),
                      required(request, "path").asText(),
                      required(request, "count").asInt(),
                      request.path("status").asInt(429),
                      request.path("code").asText("TOOMANYREQUESTS")));
      case "POST /_emulator/faults/clear" -> done(emulator::clearFaults);
      case "POST /_emulator/rate-limits" -> done(() -> setRateLimits(request));
      case "GET /_emulator/rate-limits" -> rateLimits();
      case "DELETE /_emulator/rate-limits" -> {
        JsonNode before = rateLimits();
        emulator.clearRateLimits();
        yield before;
      }
      case "POST /_emulator/repositories" ->
          emulator.createRepository(registryId(request), object(request));
      case "POST /_emulator/repository-policy" ->
          done(
              () ->
                  emulator.setRepositoryPolicy(
                      registryId(request),
                      repository(request),
                      required(request, "policyText").asText()));
      case "POST /_emulator/registry-policy" ->
          done(
              () ->
                  emulator.setRegistryPolicy(
                      required(request, "registryId").asText(),
                      request.path("policyText").asText(null)));
      case "GET /_emulator/state" -> emulator.snapshot(parameter(query, "registryId"));
      case "POST /_emulator/images/pushedAt" ->
          done(
              () ->
                  emulator.setPushedAt(
                      registryId(request),
                      repository(request),
                      image(request),
                      WireJson.instant(required(request, "pushedAt"))));
      case "POST /_emulator/images/pulledAt" ->
          done(
              () ->
                  emulator.setLastPulledAt(
                      registryId(request),
                      repository(request),
                      image(request),
                      WireJson.instant(required(request, "lastRecordedPullTime"))));
      case "POST /_emulator/lifecycle/run" ->
          emulator.runLifecyclePolicy(registryId(request), repository(request));
      case "POST /_emulator/config" -> done(() -> config(request));
      case "GET /_emulator/violations" -> strings(emulator.violations());
      case "GET /_emulator/registry-refusals" -> strings(emulator.registryRefusals());
      case "POST /_emulator/registry-events" -> done(() -> emulator.registryEvents(request));
      case "POST /_emulator/reset" -> done(emulator::reset);
      default -> throw new NoSuchRoute();
    };
  }

  private JsonNode calls(String query) {
    String operation = parameter(query, "operation");
    ArrayNode list = WireJson.MAPPER.createArrayNode();
    for (RecordedCall call : operation == null ? emulator.calls() : emulator.calls(operation)) {
      ObjectNode entry = list.addObject().put("operation", call.operation());
      entry.set("request", call.request());
      if (call.errorType() != null) {
        entry.put("errorType", call.errorType());
      }
    }
    return list;
  }

  private void setRateLimits(JsonNode request) {
    if (!request.isObject() || request.isEmpty()) {
      throw new IllegalArgumentException(
          "expected {\"<Action>\": {\"rate\": calls per second, \"burst\": n}, ...}");
    }
    request
        .fields()
        .forEachRemaining(
            limit ->
                emulator.setRateLimit(
                    limit.getKey(),
                    required(limit.getValue(), "rate").asDouble(),
                    required(limit.getValue(), "burst").asInt()));
  }

  private JsonNode rateLimits() {
    ObjectNode answer = WireJson.object();
    ObjectNode limits = answer.putObject("limits");
    emulator
        .rateLimits()
        .forEach(
            (operation, limit) ->
                limits.putObject(operation).put("rate", limit.rate()).put("burst", limit.burst()));
    ObjectNode throttled = answer.putObject("throttled");
    emulator.throttledCalls().forEach(throttled::put);
    return answer;
  }

  private void config(JsonNode request) {
    if (!request.has("previewPollsBeforeComplete") && !request.has("proxyEndpoint")) {
      throw new IllegalArgumentException("previewPollsBeforeComplete or proxyEndpoint is required");
    }
    if (request.has("previewPollsBeforeComplete")) {
      emulator.setPreviewPollsBeforeComplete(request.get("previewPollsBeforeComplete").asInt());
    }
    if (request.has("proxyEndpoint")) {
      emulator.setProxyEndpoint(request.get("proxyEndpoint").asText(null));
    }
  }

  /** A query parameter, or null. */
  private static String parameter(String query, String name) {
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(name + "=")) {
          return pair.substring(name.length() + 1);
        }
      }
    }
    return null;
  }

  /** The account a request names, null for the emulator's own. */
  private static String registryId(JsonNode request) {
    return request.path("registryId").asText(null);
  }

  private static String repository(JsonNode request) {
    return required(request, "repositoryName").asText();
  }

  private static String image(JsonNode request) {
    JsonNode id =
        request.hasNonNull("imageDigest") ? request.get("imageDigest") : request.get("imageTag");
    if (id == null || id.isNull()) {
      throw new IllegalArgumentException("imageDigest or imageTag is required");
    }
    return id.asText();
  }

  private static JsonNode required(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static ObjectNode object(JsonNode request) {
    if (!(request instanceof ObjectNode object)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return object;
  }

  private static JsonNode done(Runnable action) {
    action.run();
    return WireJson.object();
  }

  private static JsonNode strings(List<String> values) {
    ArrayNode list = WireJson.MAPPER.createArrayNode();
    values.forEach(list::add);
    return list;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = WireJson.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Thrown for a path the control API does not have. */
  private static final class NoSuchRoute extends RuntimeException {}
}
