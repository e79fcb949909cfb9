package io.github.ecrdeploy.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns Jib's exceptions into one line that says what happened and what to do; never includes
 * credentials.
 */
public final class JibFailures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?]+)\\?[^\\s]*");

  private JibFailures() {}

  public static String describe(Throwable failure) {
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnauthorizedException unauthorized) {
        return "the registry refused the credentials for "
            + unauthorized.getImageReference()
            + ": check the credentials for that registry";
      }
      if (t instanceof RegistryCredentialsNotSentException) {
        return "the registry answered only over plain HTTP, and credentials are never sent over"
            + " plain HTTP: use the registry's HTTPS endpoint";
      }
      if (t instanceof InsecureRegistryException) {
        return "the registry is not reachable over verified HTTPS ("
            + firstLine(t.getMessage())
            + "); set <allowInsecureRegistries>true only for a registry you trust";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage() + ": check the registry name and your network/DNS";
      }
      if (t instanceof ConnectException) {
        return "cannot connect ("
            + firstLine(t.getMessage())
            + "): is the registry up and reachable?";
      }
      if (t instanceof SSLException) {
        return "TLS failure ("
            + firstLine(t.getMessage())
            + "): the registry's certificate is not trusted by this JVM; add its CA with"
            + " -Djavax.net.ssl.trustStore, or set <allowInsecureRegistries>true only for a"
            + " registry you trust";
      }
      if (t instanceof ResponseException response) {
        return describe(response);
      }
      root = t;
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null ? "" : ": " + withoutQueries(firstLine(message)));
  }

  /**
   * {@code text} with the query of every URL removed: upload state, and pre-signed layer URLs (S3's
   * {@code X-Amz-Security-Token}, {@code X-Amz-Signature}), stay out of the log.
   */
  public static String withoutQueries(String text) {
    return text == null ? null : URL_QUERY.matcher(text).replaceAll("$1");
  }

  /**
   * The registry's error codes ({@code BLOB_UPLOAD_UNKNOWN}, ...) of the HTTP answer behind {@code
   * failure}.
   */
  public static List<String> registryErrorCodes(Throwable failure) {
    return response(failure).map(r -> errors(r.getContent(), false)).orElse(List.of());
  }

  private static Optional<ResponseException> response(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ResponseException response) {
        return Optional.of(response);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code HTTP 503 Service Unavailable for PUT /v2/team/app/manifests/sha256:... (UNAVAILABLE:
   * message)}.
   */
  private static String describe(ResponseException response) {
    String[] lines = String.valueOf(response.getMessage()).split("\n");
    StringBuilder text = new StringBuilder("HTTP ").append(lines[0].trim());
    if (lines.length > 1) {
      String[] request = lines[1].trim().split(" ", 2);
      if (request.length == 2) {
        text.append(" for ").append(request[0]).append(' ').append(pathOf(request[1]));
      }
    }
    List<String> errors = errors(response.getContent(), true);
    if (!errors.isEmpty()) {
      text.append(" (").append(String.join("; ", errors)).append(')');
    }
    return text.toString();
  }

  private static String pathOf(String url) {
    try {
      String path = URI.create(url).getPath();
      return path == null ? url : path;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  /** The {@code errors} of a registry error body: codes, or codes with their messages. */
  private static List<String> errors(String body, boolean withMessages) {
    List<String> errors = new ArrayList<>();
    if (body == null || body.isBlank()) {
      return errors;
    }
    try {
      for (JsonNode error : JSON.readTree(body).path("errors")) {
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        if (!code.isEmpty()) {
          errors.add(withMessages && !message.isEmpty() ? code + ": " + firstLine(message) : code);
        }
      }
    } catch (IOException notJson) {
      // A body that is not a registry error (e.g. an HTML page from a proxy) adds nothing useful to
      // one line.
    }
    return errors;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
