package io.github.ecrdeploy.health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POM bean for {@code <smoke>}: run the built image in a local container and hold it to the {@code
 * <health>} endpoints at {@code http://127.0.0.1:<port>}. Field names are the XML element names;
 * defaults are the field initialisers.
 */
public class SmokeConfig {
  private String engine = "auto";
  private String runtime;
  private Integer port;
  private Map<String, String> environment = new LinkedHashMap<>();
  private String timeout = "60s";
  private boolean required;

  public SmokeConfig() {}

  /**
   * {@code auto} (podman, then docker, whichever works first), {@code podman} or {@code docker}.
   */
  public String getEngine() {
    return engine;
  }

  public void setEngine(String engine) {
    this.engine = engine;
  }

  /**
   * OCI runtime for the engine ({@code --runtime}), e.g. {@code runc}; the engine's default when
   * unset.
   */
  public String getRuntime() {
    return runtime;
  }

  public void setRuntime(String runtime) {
    this.runtime = runtime;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Map<String, String> getEnvironment() {
    return environment;
  }

  public void setEnvironment(Map<String, String> environment) {
    this.environment = environment;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  /**
   * Whether a machine without a working container engine fails the build (otherwise: a warning).
   */
  public boolean isRequired() {
    return required;
  }

  public void setRequired(boolean required) {
    this.required = required;
  }
}
