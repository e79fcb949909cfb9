package io.github.ecrdeploy.ecr;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts the ECR API calls that the SDK retried because ECR throttled them: the attempts whose
 * previous attempt failed with throttling, as the SDK classifies it ({@code ThrottlingException},
 * HTTP 429, ...: the attempt's {@link CoreMetric#ERROR_TYPE} is {@code Throttling}). Fed by the
 * SDK's metrics of each call of the client it is published to (see {@link EcrClients#create}).
 * Thread-safe.
 */
public final class ThrottlingRetries implements MetricPublisher {
  private static final String ATTEMPT = "ApiCallAttempt";
  private static final String THROTTLING = "Throttling";

  private final AtomicInteger count = new AtomicInteger();

  /** Retries after a throttled attempt so far. */
  public int count() {
    return count.get();
  }

  @Override
  public void publish(MetricCollection call) {
    List<MetricCollection> attempts =
        call.children().stream().filter(child -> child.name().equals(ATTEMPT)).toList();
    // the last attempt was not retried, whatever its outcome
    for (int i = 0; i < attempts.size() - 1; i++) {
      if (attempts.get(i).metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING)) {
        count.incrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    // nothing to release: the count stays readable after the client closed
  }
}
