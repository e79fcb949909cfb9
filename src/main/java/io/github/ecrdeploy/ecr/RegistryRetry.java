package io.github.ecrdeploy.ecr;

import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import io.github.ecrdeploy.image.JibFailures;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Which registry failures are worth another try: 5xx, 408, 429, broken connections and timeouts,
 * one 401 with a new token, and uploads the registry lost track of ({@code BLOB_UPLOAD_UNKNOWN},
 * e.g. after a commit whose answer timed out, or {@code MANIFEST_BLOB_UNKNOWN}) or will not
 * continue ({@code BLOB_UPLOAD_INVALID}, which docker-registry 2.8 answers to a {@code PATCH}
 * repeated on a session whose connection broke mid-body, ecr-api.md field notes; {@code 416 Range
 * Not Satisfiable}): the next attempt checks every blob again and restarts the missing uploads,
 * each from a new session.
 */
final class RegistryRetry {
  /**
   * Registry error codes after which checking the blobs and uploading the missing ones again
   * succeeds.
   */
  private static final Set<String> RESTART_UPLOAD =
      Set.of("BLOB_UPLOAD_UNKNOWN", "BLOB_UPLOAD_INVALID", "MANIFEST_BLOB_UNKNOWN");

  /** What to do after a failed attempt. */
  enum Decision {
    RETRY,
    RETRY_WITH_NEW_TOKEN,
    GIVE_UP
  }

  private RegistryRetry() {}

  static Decision decide(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnauthorizedException) {
        return Decision.RETRY_WITH_NEW_TOKEN;
      }
      if (t instanceof ResponseException response) {
        int status = response.getStatusCode();
        if (status == 401) {
          return Decision.RETRY_WITH_NEW_TOKEN;
        }
        if (status >= 500 || status == 429 || status == 408 || status == 416) {
          return Decision.RETRY;
        }
        return JibFailures.registryErrorCodes(response).stream().anyMatch(RESTART_UPLOAD::contains)
            ? Decision.RETRY
            : Decision.GIVE_UP;
      }
      if (t instanceof UnknownHostException || t instanceof SSLException) {
        return Decision.GIVE_UP;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return Decision.RETRY;
      }
    }
    return Decision.GIVE_UP;
  }

  /** Exponential backoff: 0.5 s, 1 s, 2 s, ... at most 16 s. */
  static long backoffMillis(int retry) {
    return Math.min(16_000L, 500L << Math.min(retry - 1, 5));
  }
}
