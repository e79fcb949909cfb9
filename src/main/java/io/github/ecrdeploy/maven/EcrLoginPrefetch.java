package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.Log;
import io.github.ecrdeploy.ecr.EcrClients;
import io.github.ecrdeploy.ecr.EcrConnection;
import io.github.ecrdeploy.ecr.EcrDeployException;
import io.github.ecrdeploy.ecr.RegistryLogin;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Gets the ECR registry login in the background while {@code build} builds the image, when {@code push} follows in the
 * same build: the AWS SDK loads and {@code GetAuthorizationToken} answers off the critical path, and {@code push}
 * finds the token in {@link RegistryLogin}'s cache. Once per connection per build. A failure is only logged at debug
 * level: {@code push} asks again and reports it.
 */
final class EcrLoginPrefetch {
  private static final Set<EcrConnection> STARTED = ConcurrentHashMap.newKeySet();

  private EcrLoginPrefetch() {}

  static void start(EcrConnection connection, Log log) {
    if (!STARTED.add(connection)) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try (EcrClient ecr = EcrClients.create(connection, log)) {
                RegistryLogin.credentials(ecr, connection, log);
              } catch (EcrDeployException | RuntimeException e) {
                log.debug("Getting the ECR login ahead of push failed; push tries again: " + e.getMessage());
              }
            },
            "ecr-deploy-login-prefetch");
    thread.setDaemon(true);
    thread.start();
  }
}
