package io.github.ecrdeploy.health;

import java.util.Optional;

/**
 * Finds the credentials of a settings.xml {@code <server>} by id; the Mojo implements it over
 * Maven's settings.
 */
@FunctionalInterface
public interface CredentialsLookup {
  /** A lookup that knows no servers. */
  CredentialsLookup NONE = serverId -> Optional.empty();

  Optional<BasicCredentials> find(String serverId);
}
