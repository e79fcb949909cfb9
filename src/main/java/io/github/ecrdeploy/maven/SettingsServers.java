package io.github.ecrdeploy.maven;

import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Looks up {@code settings.xml} servers by id, with passwords decrypted. */
final class SettingsServers {
  private final Settings settings;
  private final SettingsDecrypter decrypter;

  SettingsServers(Settings settings, SettingsDecrypter decrypter) {
    this.settings = settings;
    this.decrypter = decrypter;
  }

  Optional<Server> find(String id) {
    Server server = settings == null ? null : settings.getServer(id);
    if (server == null) {
      return Optional.empty();
    }
    SettingsDecryptionResult decrypted =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    return Optional.of(decrypted.getServer() == null ? server : decrypted.getServer());
  }
}
