package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Turns Jib's exceptions into one line that says what happened and what to do; never includes credentials. */
public final class JibFailures {
  private JibFailures() {}

  public static String describe(Throwable failure) {
    Throwable root = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnauthorizedException unauthorized) {
        return "the registry refused the credentials for "
            + unauthorized.getImageReference()
            + ": check the credentials for that registry";
      }
      if (t instanceof InsecureRegistryException) {
        return "the registry is not reachable over verified HTTPS ("
            + t.getMessage()
            + "); set <allowInsecureRegistries>true only for a registry you trust";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage() + ": check the registry name and your network/DNS";
      }
      if (t instanceof ConnectException) {
        return "cannot connect (" + t.getMessage() + "): is the registry up and reachable?";
      }
      if (t instanceof SSLException) {
        return "TLS failure (" + t.getMessage() + "): is the registry's certificate trusted by this JVM?";
      }
      root = t;
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
