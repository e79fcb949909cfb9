package io.github.ecrdeploy.ecr;

import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.http.ResponseException;
import java.io.IOException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Which registry failures are worth another try: 5xx, 429, broken connections, and one 401 with a new token. */
final class RegistryRetry {
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
        return status >= 500 || status == 429 ? Decision.RETRY : Decision.GIVE_UP;
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
