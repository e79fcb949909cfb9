package io.github.ecrdeploy.maven;

import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

/**
 * Objects that live exactly as long as one Maven build and are shared by all its Mojo executions,
 * also across the threads of {@code -T}: kept in the build's repository session data, which every
 * module of the reactor shares and which Maven creates anew for each build (so nothing leaks into
 * the next build of a Maven daemon or an embedded invoker). The key is the value's class, so two
 * plugin versions in one build (two class loaders) never share.
 */
final class BuildScoped {
  private BuildScoped() {}

  /** The build's instance of {@code type}, created by {@code create} on first use. */
  static <T> T get(MavenSession session, Class<T> type, Supplier<T> create) {
    SessionData data = session.getRepositorySession().getData();
    Object current = data.get(type);
    while (current == null) {
      T fresh = create.get();
      if (data.set(type, null, fresh)) {
        return fresh;
      }
      current = data.get(type);
    }
    return type.cast(current);
  }
}
