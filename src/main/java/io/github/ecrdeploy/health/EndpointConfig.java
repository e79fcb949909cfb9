package io.github.ecrdeploy.health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POM bean for one {@code <health><endpoints><endpoint>}: the URL to poll and what a healthy answer
 * looks like. Field names are the XML element names; defaults are the field initialisers.
 */
public class EndpointConfig {
  private String url;
  private String method = "GET";
  private String expectStatus = "200-299";
  private String jsonPointer;
  private String expectValue;
  private String bodyContains;
  private Map<String, String> headers = new LinkedHashMap<>();
  private String serverId;

  public EndpointConfig() {}

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public String getExpectStatus() {
    return expectStatus;
  }

  public void setExpectStatus(String expectStatus) {
    this.expectStatus = expectStatus;
  }

  public String getJsonPointer() {
    return jsonPointer;
  }

  public void setJsonPointer(String jsonPointer) {
    this.jsonPointer = jsonPointer;
  }

  public String getExpectValue() {
    return expectValue;
  }

  public void setExpectValue(String expectValue) {
    this.expectValue = expectValue;
  }

  public String getBodyContains() {
    return bodyContains;
  }

  public void setBodyContains(String bodyContains) {
    this.bodyContains = bodyContains;
  }

  public Map<String, String> getHeaders() {
    return headers;
  }

  public void setHeaders(Map<String, String> headers) {
    this.headers = headers;
  }

  /**
   * Id of a settings.xml {@code <server>} whose username and password are sent as HTTP basic auth.
   */
  public String getServerId() {
    return serverId;
  }

  public void setServerId(String serverId) {
    this.serverId = serverId;
  }
}
