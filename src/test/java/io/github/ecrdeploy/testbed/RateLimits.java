package io.github.ecrdeploy.testbed;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * ECR's per-account API rate quotas, one token bucket per API action: a bucket holds at most {@code
 * burst} calls and refills at {@code rate} calls per second; a call that finds its bucket empty is
 * refused with {@code 400 ThrottlingException: Rate exceeded} and takes no effect. ECR's quotas are
 * per account and per action ("Rate of PutImage: 10 per second", "Rate of BatchGetImage: 2,000 per
 * second", "Rate of BatchCheckLayerAvailability: 1,000 per second", ...: ecr-api.md §3.3, from
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html); the answer is the
 * common AWS {@code ThrottlingException} with status 400 (ecr-api.md §2.2). The emulator has one
 * account, so the buckets are per action. No action is limited until a test sets a limit, since a
 * single test never comes near the real quotas; a test sets them low to make throttling happen.
 * Thread-safe.
 */
final class RateLimits {

  /** One action's quota: {@code rate} calls per second, at most {@code burst} at once. */
  record Limit(double rate, int burst) {
    Limit {
      if (!(rate > 0) || burst < 1) {
        throw new IllegalArgumentException(
            "a rate limit needs rate > 0 (calls per second) and burst >= 1, got rate="
                + rate
                + " burst="
                + burst);
      }
    }
  }

  private static final class Bucket {
    final Limit limit;
    double tokens;
    long lastNanos;

    Bucket(Limit limit, long now) {
      this.limit = limit;
      this.tokens = limit.burst();
      this.lastNanos = now;
    }

    boolean take(long now) {
      tokens = Math.min(limit.burst(), tokens + (now - lastNanos) / 1e9 * limit.rate());
      lastNanos = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }

  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new TreeMap<>();
  private final Map<String, Integer> throttled = new TreeMap<>();

  RateLimits() {
    this(System::nanoTime);
  }

  /** With the clock the buckets refill by (tests). */
  RateLimits(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Limits {@code operation} (replacing its earlier limit) with a full bucket. */
  synchronized void set(String operation, Limit limit) {
    if (operation == null || !operation.matches("[A-Z][A-Za-z]+")) {
      throw new IllegalArgumentException(
          "a rate limit names an ECR API action such as PutImage, got " + operation);
    }
    buckets.put(operation, new Bucket(limit, nanoTime.getAsLong()));
  }

  /** Whether a call of {@code operation} may run now (takes a token); counts a refusal. */
  synchronized boolean admit(String operation) {
    Bucket bucket = buckets.get(operation);
    if (bucket == null || bucket.take(nanoTime.getAsLong())) {
      return true;
    }
    throttled.merge(operation, 1, Integer::sum);
    return false;
  }

  /** The limits set, by action. */
  synchronized Map<String, Limit> limits() {
    Map<String, Limit> limits = new TreeMap<>();
    buckets.forEach((operation, bucket) -> limits.put(operation, bucket.limit));
    return limits;
  }

  /** How many calls were refused, by action, since the limits were last cleared. */
  synchronized Map<String, Integer> throttled() {
    return new TreeMap<>(throttled);
  }

  /** Removes every limit and forgets the refusals. */
  synchronized void clear() {
    buckets.clear();
    throttled.clear();
  }

  /** The error a refused call gets, as ECR answers it (ecr-api.md §2.2). */
  static EcrServiceError throttlingError() {
    return new EcrServiceError("ThrottlingException", "Rate exceeded", 400);
  }
}
