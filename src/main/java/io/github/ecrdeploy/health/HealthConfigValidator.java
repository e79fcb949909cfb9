package io.github.ecrdeploy.health;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.ecrdeploy.DurationParser;
import io.github.ecrdeploy.ImageTag;
import io.github.ecrdeploy.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the {@code <health>} and {@code <smoke>} POM beans into validated settings before any
 * network call, listing every problem with the element to fix (e.g. {@code
 * <health><endpoints><endpoint>[2]<url>}).
 */
public final class HealthConfigValidator {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS", "POST");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern RUNTIME = Pattern.compile("[A-Za-z0-9._/-]+");

  private HealthConfigValidator() {}

  /**
   * Validates {@code <health>} for the {@code health} goal, including the syntax of {@code
   * <promoteTags>}.
   */
  public static HealthGateSettings validate(HealthConfig health, CredentialsLookup credentials)
      throws HealthConfigException {
    List<String> problems = new ArrayList<>();
    HealthGateSettings settings =
        gateSettings(health, "<health><timeout>", health.getTimeout(), credentials, problems);
    List<String> tags = health.getPromoteTags() == null ? List.of() : health.getPromoteTags();
    for (int i = 0; i < tags.size(); i++) {
      if (!ImageTag.isValid(tags.get(i))) {
        problems.add(
            "<health><promoteTags><tag>["
                + (i + 1)
                + "] '"
                + tags.get(i)
                + "' is not an image tag ("
                + ImageTag.RULE
                + ")");
      } else if (health.previousTag(tags.get(i)).isPresent()
          && !ImageTag.isValid(health.previousTag(tags.get(i)).get())) {
        problems.add(
            "<health><previousTagSuffix> '"
                + health.getPreviousTagSuffix()
                + "' makes '"
                + health.previousTag(tags.get(i)).get()
                + "', which is not an image tag ("
                + ImageTag.RULE
                + ")");
      }
    }
    throwIfAny(problems);
    return settings;
  }

  /**
   * Validates {@code <smoke>} together with the {@code <health>} endpoints it polls; {@code
   * <smoke><timeout>} replaces {@code <health><timeout>}, and every endpoint moves to {@code
   * http://127.0.0.1:<smoke><port>}.
   */
  public static SmokeSettings validateSmoke(
      SmokeConfig smoke, HealthConfig health, CredentialsLookup credentials)
      throws HealthConfigException {
    List<String> problems = new ArrayList<>();
    HealthGateSettings settings =
        gateSettings(health, "<smoke><timeout>", smoke.getTimeout(), credentials, problems);
    EngineChoice engine = engineChoice(smoke.getEngine(), problems);
    String runtime = Text.blankToNull(smoke.getRuntime());
    if (runtime != null && !RUNTIME.matcher(runtime).matches()) {
      problems.add(
          "<smoke><runtime> '" + runtime + "' is not a runtime name or path (e.g. runc, crun)");
    }
    Integer port = smoke.getPort();
    if (port == null) {
      problems.add(
          "<smoke><port> is required: the port the service listens on inside the container");
    } else if (port < 1 || port > 65535) {
      problems.add("<smoke><port> must be between 1 and 65535, was " + port);
    }
    Map<String, String> environment = environment(smoke.getEnvironment(), problems);
    throwIfAny(problems);
    List<EndpointCheck> local =
        settings.endpoints().stream().map(e -> e.atLocalPort(port)).toList();
    HealthGateSettings gate =
        new HealthGateSettings(
            local,
            settings.timeout(),
            settings.interval(),
            settings.requestTimeout(),
            settings.successThreshold());
    return new SmokeSettings(engine, runtime, port, environment, gate, smoke.isRequired());
  }

  private static HealthGateSettings gateSettings(
      HealthConfig health,
      String timeoutElement,
      String timeoutText,
      CredentialsLookup credentials,
      List<String> problems) {
    List<EndpointCheck> endpoints = new ArrayList<>();
    List<EndpointConfig> configs =
        health.getEndpoints() == null ? List.of() : health.getEndpoints();
    if (configs.isEmpty()) {
      problems.add("<health><endpoints> must list at least one <endpoint><url>");
    }
    for (int i = 0; i < configs.size(); i++) {
      String element = "<health><endpoints><endpoint>[" + (i + 1) + "]";
      EndpointCheck check = endpoint(element, configs.get(i), credentials, problems);
      if (check != null) {
        endpoints.add(check);
      }
    }
    Duration timeout = positiveDuration(timeoutElement, timeoutText, problems);
    Duration interval = positiveDuration("<health><interval>", health.getInterval(), problems);
    Duration requestTimeout =
        positiveDuration("<health><requestTimeout>", health.getRequestTimeout(), problems);
    if (health.getSuccessThreshold() < 1) {
      problems.add("<health><successThreshold> must be >= 1, was " + health.getSuccessThreshold());
    }
    return new HealthGateSettings(
        endpoints, timeout, interval, requestTimeout, health.getSuccessThreshold());
  }

  /** Returns {@code null} after recording problems when the endpoint is unusable. */
  private static EndpointCheck endpoint(
      String element, EndpointConfig config, CredentialsLookup credentials, List<String> problems) {
    int before = problems.size();
    if (config == null) {
      problems.add(element + " is empty: it needs a <url>");
      return null;
    }
    URI url = url(element + "<url>", config.getUrl(), problems);

    String method =
        Text.blankToNull(config.getMethod()) == null
            ? "GET"
            : config.getMethod().trim().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      problems.add(
          element
              + "<method> '"
              + config.getMethod()
              + "' is not supported: use GET, HEAD, OPTIONS or POST");
    }

    StatusExpectation status = null;
    String statusText =
        Text.blankToNull(config.getExpectStatus()) == null ? "200-299" : config.getExpectStatus();
    try {
      status = StatusExpectation.parse(statusText);
    } catch (IllegalArgumentException e) {
      problems.add(element + "<expectStatus> " + e.getMessage());
    }

    JsonPointer pointer = null;
    String pointerText = Text.blankToNull(config.getJsonPointer());
    String expectValue = config.getExpectValue();
    if (pointerText != null) {
      try {
        pointer = JsonPointer.compile(pointerText.trim());
      } catch (IllegalArgumentException e) {
        problems.add(
            element
                + "<jsonPointer> '"
                + pointerText
                + "' is not a JSON Pointer (RFC 6901): write it like /version"
                + " or /build/version");
      }
      if (expectValue == null) {
        problems.add(
            element
                + "<expectValue> is required with <jsonPointer>: the value expected at "
                + pointerText);
      }
    } else if (expectValue != null) {
      problems.add(
          element
              + "<jsonPointer> is required with <expectValue>: where in the JSON body to look, e.g."
              + " /version");
    }

    String bodyContains = config.getBodyContains();
    if ("HEAD".equals(method) && (pointerText != null || bodyContains != null)) {
      problems.add(
          element
              + "<method> HEAD gets no body to check <jsonPointer> or <bodyContains> against: use"
              + " GET");
    }

    Map<String, String> headers = headers(element, config.getHeaders(), problems);
    BasicCredentials basic = null;
    String serverId = Text.blankToNull(config.getServerId());
    if (serverId != null) {
      Optional<BasicCredentials> found = credentials.find(serverId.trim());
      if (found.isEmpty()) {
        problems.add(
            element
                + "<serverId> '"
                + serverId
                + "' has no <server> with that <id> in settings.xml");
      } else {
        basic = found.get();
      }
      if (headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"))) {
        problems.add(
            element
                + "<headers> sets Authorization and <serverId> sends basic auth: use only one of"
                + " them");
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new EndpointCheck(
        url, method, status, pointer, expectValue, bodyContains, headers, basic);
  }

  private static URI url(String element, String text, List<String> problems) {
    if (Text.blankToNull(text) == null) {
      problems.add(element + " is required, e.g. https://api.example.com/health");
      return null;
    }
    if (!text.contains("://")) {
      problems.add(element + " '" + text + "' must start with http:// or https://");
      return null;
    }
    URI url;
    try {
      url = new URI(text.trim());
    } catch (URISyntaxException e) {
      problems.add(element + " '" + text + "' is not a URL: " + e.getReason());
      return null;
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problems.add(element + " '" + text + "' must start with http:// or https://");
    } else if (url.getHost() == null) {
      problems.add(element + " '" + text + "' has no host");
    } else if (url.getRawUserInfo() != null) {
      problems.add(
          element
              + " must not contain credentials: put them in a settings.xml <server> named by"
              + " <serverId>");
    }
    return url;
  }

  private static Map<String, String> headers(
      String element, Map<String, String> configured, List<String> problems) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (configured == null) {
      return headers;
    }
    HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://localhost/"));
    for (Map.Entry<String, String> header : configured.entrySet()) {
      String value = header.getValue() == null ? "" : header.getValue();
      try {
        probe.header(header.getKey(), value);
        headers.put(header.getKey(), value);
      } catch (IllegalArgumentException e) {
        problems.add(
            element
                + "<headers><"
                + header.getKey()
                + "> cannot be sent: the name is restricted (e.g. Host, Connection,"
                + " Content-Length) or the name or value has characters HTTP does not allow");
      }
    }
    return headers;
  }

  private static Duration positiveDuration(String element, String text, List<String> problems) {
    if (Text.blankToNull(text) == null) {
      problems.add(element + " is required, e.g. 30s, 500ms, 2m or PT30S");
      return null;
    }
    try {
      Duration duration = DurationParser.parse(text);
      if (duration.isNegative() || duration.isZero()) {
        problems.add(element + " must be positive, was '" + text + "'");
        return null;
      }
      return duration;
    } catch (IllegalArgumentException e) {
      problems.add(element + " " + e.getMessage());
      return null;
    }
  }

  private static EngineChoice engineChoice(String text, List<String> problems) {
    String name = Text.blankToNull(text) == null ? "auto" : text.trim();
    try {
      return EngineChoice.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("<smoke><engine> '" + text + "' is not an engine: use auto, podman or docker");
      return null;
    }
  }

  private static Map<String, String> environment(
      Map<String, String> configured, List<String> problems) {
    Map<String, String> environment = new LinkedHashMap<>();
    if (configured == null) {
      return environment;
    }
    for (Map.Entry<String, String> variable : configured.entrySet()) {
      String name = variable.getKey();
      String value = variable.getValue() == null ? "" : variable.getValue();
      if (!ENV_NAME.matcher(name).matches()) {
        problems.add(
            "<smoke><environment><"
                + name
                + "> is not an environment variable name (letters, digits, _)");
      } else if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        problems.add("<smoke><environment><" + name + "> must be a single line");
      } else {
        environment.put(name, value);
      }
    }
    return environment;
  }

  private static void throwIfAny(List<String> problems) throws HealthConfigException {
    if (!problems.isEmpty()) {
      throw new HealthConfigException(problems);
    }
  }
}
