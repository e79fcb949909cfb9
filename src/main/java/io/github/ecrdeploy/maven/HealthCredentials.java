package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.health.BasicCredentials;
import io.github.ecrdeploy.health.CredentialsLookup;

/**
 * Basic-auth credentials for health endpoints from settings.xml servers named by {@code
 * <serverId>}.
 */
final class HealthCredentials {
  private HealthCredentials() {}

  static CredentialsLookup lookup(SettingsServers servers) {
    return id ->
        servers
            .find(id)
            .map(server -> new BasicCredentials(server.getUsername(), server.getPassword()));
  }
}
