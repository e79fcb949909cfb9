package io.github.ecrdeploy.health;

import io.github.ecrdeploy.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  private String previousTagSuffix = "-previous";
  private Boolean rollbackOnRed;

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

  /**
   * Suffix of the tag that keeps the image a promoted tag leaves ({@code prod} leaves its image to
   * {@code prod-previous}); empty: no such tag.
   */
  public String getPreviousTagSuffix() {
    return previousTagSuffix;
  }

  public void setPreviousTagSuffix(String previousTagSuffix) {
    this.previousTagSuffix = previousTagSuffix;
  }

  /**
   * Whether a red gate rolls the last green image out again; {@code null}: only when {@code
   * <deployCommand>} is set.
   */
  public Boolean getRollbackOnRed() {
    return rollbackOnRed;
  }

  public void setRollbackOnRed(Boolean rollbackOnRed) {
    this.rollbackOnRed = rollbackOnRed;
  }

  /** {@link #getRollbackOnRed()} with its default applied. */
  public boolean rollsBackOnRed() {
    return Text.blankToNull(deployCommand) != null && (rollbackOnRed == null || rollbackOnRed);
  }

  /** The tag that keeps the image {@code tag} left, or empty when the suffix is empty. */
  public Optional<String> previousTag(String tag) {
    return previousTagSuffix == null || previousTagSuffix.isEmpty()
        ? Optional.empty()
        : Optional.of(tag + previousTagSuffix);
  }
}
