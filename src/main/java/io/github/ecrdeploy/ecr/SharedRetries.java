package io.github.ecrdeploy.ecr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The AWS SDK's adaptive retry strategy, shared by every ECR client made with it: backoff with
 * jitter (at least 1 s, growing, for throttling), and a client-side rate limiter that learns ECR's
 * rate from its {@code ThrottlingException}s and then spaces the calls out. ECR's rate quotas are
 * per account, so the modules of a parallel ({@code -T}) reactor share one instance: a throttled
 * call slows down the calls of every module, not only its own client's.
 *
 * <p>Each client gets the attempts of its {@code <retries>} (the strategies share the limiter and
 * the SDK's retry capacity). The SDK closes a client's retry strategy with the client, which would
 * stop the shared limiter for every later client, so clients get a view whose {@code close} leaves
 * it running; it lives as long as this object.
 */
public final class SharedRetries {
  private final AdaptiveRetryStrategy adaptive = AwsRetryStrategy.adaptiveRetryStrategy();
  private final Map<Integer, RetryStrategy> byAttempts = new ConcurrentHashMap<>();

  /** The shared strategy with at most {@code maxAttempts} attempts per call. */
  RetryStrategy strategy(int maxAttempts) {
    return byAttempts.computeIfAbsent(
        maxAttempts, n -> new KeptOpen(adaptive.toBuilder().maxAttempts(n).build()));
  }

  /** A strategy that a client may close without stopping it for the other clients. */
  private record KeptOpen(RetryStrategy strategy) implements RetryStrategy {
    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
      return strategy.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
      return strategy.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
      return strategy.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
      return strategy.maxAttempts();
    }

    /** Used as configured: the adaptive strategy has the SDK's retry conditions already. */
    @Override
    public boolean useClientDefaults() {
      return false;
    }

    @Override
    public Builder<?, ?> toBuilder() {
      return strategy.toBuilder();
    }

    @Override
    public void close() {
      // shared: outlives the client
    }
  }
}
