package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.github.ecrdeploy.Log;
import java.io.IOException;
import java.util.Optional;

/**
 * A pull connection to the base image's repository with Jib's {@link RegistryClient}, logged in as
 * Jib's build would be, for the small requests made before Jib runs (a manifest, a config).
 */
final class BaseRegistry implements AutoCloseable {
  private final FailoverHttpClient http;
  private final String registry;
  private final Log log;
  final RegistryClient client;

  private BaseRegistry(FailoverHttpClient http, String registry, RegistryClient client, Log log) {
    this.http = http;
    this.registry = registry;
    this.client = client;
    this.log = log;
  }

  static BaseRegistry open(
      ImageReference reference, BaseImage.Credentials credentials, boolean allowInsecure, Log log)
      throws IOException, RegistryException, ImageBuildException {
    FailoverHttpClient http = new FailoverHttpClient(allowInsecure, false, event -> {});
    try {
      RegistryClient.Factory factory =
          RegistryClient.factory(
              new EventHandlers.Builder().build(),
              reference.getRegistry(),
              reference.getRepository(),
              http);
      Optional<Credential> credential = credentials.forRegistry(reference.getRegistry());
      credential.ifPresent(factory::setCredential);
      RegistryClient client = factory.setUserAgent(ImageBuilder.TOOL_NAME).newRegistryClient();
      if (!client.doPullBearerAuth()) {
        client.configureBasicAuth();
      }
      return new BaseRegistry(http, reference.getRegistry(), client, log);
    } catch (IOException | RegistryException | ImageBuildException | RuntimeException e) {
      http.shutDown();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      http.shutDown();
    } catch (IOException e) {
      log.debug("Closing the connection to " + registry + ": " + e.getMessage());
    }
  }
}
