package io.github.ecrdeploy.health;

/**
 * What one request to an endpoint showed.
 *
 * @param status the HTTP status, or {@code null} when no response arrived
 * @param body the response body, or {@code null}
 * @param failure why the answer is not healthy, or {@code null} when it passed
 */
record ProbeOutcome(Integer status, String body, String failure) {
  boolean passed() {
    return failure == null;
  }

  static ProbeOutcome noResponse(String failure) {
    return new ProbeOutcome(null, null, failure);
  }
}
