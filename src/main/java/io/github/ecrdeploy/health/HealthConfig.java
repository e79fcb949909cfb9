package io.github.ecrdeploy.health;

import java.util.ArrayList;
import java.util.List;

/**
 * POM bean for {@code <health>}: the endpoints that must all be healthy after a roll-out, how long
 * to wait and how often to poll. Field names are the XML element names; defaults are the field
 * initialisers.
 */
public class HealthConfig {
  private List<EndpointConfig> endpoints = new ArrayList<>();
  private String timeout = "60s";
  private String interval = "1s";
  private String requestTimeout = "5s";
  private int successThreshold = 1;
  private List<String> promoteTags = new ArrayList<>();
  private String deployCommand;

  public HealthConfig() {}

  public List<EndpointConfig> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(List<EndpointConfig> endpoints) {
    this.endpoints = endpoints;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public String getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(String requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public int getSuccessThreshold() {
    return successThreshold;
  }

  public void setSuccessThreshold(int successThreshold) {
    this.successThreshold = successThreshold;
  }

  /**
   * Tags the {@code ecr} package moves to the new digest once the gate is green; not used by the
   * gate itself.
   */
  public List<String> getPromoteTags() {
    return promoteTags;
  }

  public void setPromoteTags(List<String> promoteTags) {
    this.promoteTags = promoteTags;
  }

  /**
   * Shell command that rolls the new image out before the gate polls; see {@link
   * DeployCommandRunner}.
   */
  public String getDeployCommand() {
    return deployCommand;
  }

  public void setDeployCommand(String deployCommand) {
    this.deployCommand = deployCommand;
  }
}
