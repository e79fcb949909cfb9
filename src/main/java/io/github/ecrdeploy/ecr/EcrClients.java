package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Log;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Creates ECR clients: the small URLConnection HTTP client, the SDK's adaptive retry strategy
 * ({@code <retries>} + 1 attempts for throttling, 5xx and I/O errors, with backoff; after a
 * throttling answer a client-side rate limiter spaces the calls out, see {@link SharedRetries}),
 * each retry logged with its cause.
 */
public final class EcrClients {
  private EcrClients() {}

  /**
   * Resolves the region: the connection's ({@link RegionChoice}), else the SDK chain (aws.region,
   * AWS_REGION, profile, instance).
   */
  public static Region region(EcrConnection connection) throws EcrDeployException {
    if (connection.region() != null && !connection.region().isBlank()) {
      return Region.of(connection.region().trim());
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException e) {
      throw new EcrDeployException(
          "No AWS region: set <region> (ecr.region) or the AWS_REGION environment variable"
              + " (AWS_DEFAULT_REGION is not read by the AWS SDK for Java v2; docs/region.md)");
    }
  }

  /** A client with a retry strategy of its own, closed with it. */
  public static EcrClient create(EcrConnection connection, Log log) throws EcrDeployException {
    return create(
        connection,
        log,
        AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
            .maxAttempts(connection.retries() + 1)
            .build(),
        new ThrottlingRetries());
  }

  /**
   * A client whose calls share {@code retries}' rate limiter with the other clients made with it
   * (the modules of a reactor), and count their retries after throttling in {@code throttled}.
   */
  public static EcrClient create(
      EcrConnection connection, Log log, SharedRetries retries, ThrottlingRetries throttled)
      throws EcrDeployException {
    return create(connection, log, retries.strategy(connection.retries() + 1), throttled);
  }

  private static EcrClient create(
      EcrConnection connection, Log log, RetryStrategy retryStrategy, ThrottlingRetries throttled)
      throws EcrDeployException {
    AwsCredentialsProvider credentials =
        connection.profile() == null || connection.profile().isBlank()
            ? DefaultCredentialsProvider.builder().build()
            : ProfileCredentialsProvider.create(connection.profile().trim());
    var builder =
        EcrClient.builder()
            .region(region(connection))
            .credentialsProvider(credentials)
            .httpClient(httpClient(connection))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(retryStrategy)
                        .addMetricPublisher(throttled)
                        .executionInterceptors(List.of(new RetryLogger(log))));
    if (connection.endpoint() != null) {
      builder.endpointOverride(connection.endpoint());
    }
    return builder.build();
  }

  /**
   * The URLConnection client, through {@code connection}'s proxy for the API endpoint's scheme
   * (HTTPS unless {@code <endpoint>} says otherwise), with the proxy's exceptions. Without one the
   * JDK's own proxy properties apply.
   */
  static SdkHttpClient httpClient(EcrConnection connection) {
    UrlConnectionHttpClient.Builder client =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60));
    String scheme = connection.endpoint() == null ? "https" : connection.endpoint().getScheme();
    connection
        .proxies()
        .forScheme(scheme)
        .ifPresent(
            proxy ->
                client.proxyConfiguration(
                    ProxyConfiguration.builder()
                        .endpoint(URI.create(proxy.address()))
                        .username(proxy.hasCredentials() ? proxy.username() : null)
                        .password(proxy.hasCredentials() ? proxy.password() : null)
                        .nonProxyHosts(new HashSet<>(proxy.nonProxyHostRegexes()))
                        .useSystemPropertyValues(false)
                        .useEnvironmentVariablesValues(false)
                        .build()));
    return client.build();
  }

  /**
   * Logs each retry of an ECR call with the outcome of the attempt that failed: the HTTP status and
   * ECR error type, or no answer at all (connection refused, timeout).
   */
  private static final class RetryLogger implements ExecutionInterceptor {
    private static final ExecutionAttribute<String> LAST_FAILURE =
        new ExecutionAttribute<>("ecr-deploy.lastFailure");
    private final Log log;

    RetryLogger(Log log) {
      this.log = log;
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String attempt = context.httpRequest().firstMatchingHeader("amz-sdk-request").orElse("");
      String failure = attributes.getAttribute(LAST_FAILURE);
      attributes.putAttribute(LAST_FAILURE, "");
      if (!attempt.isEmpty() && !attempt.startsWith("attempt=1;")) {
        log.warn(
            "Retrying ECR "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                + " ("
                + attempt
                + ") after "
                + (failure == null || failure.isEmpty()
                    ? "no answer (connection failed or timed out)"
                    : failure));
      }
    }

    @Override
    public void afterTransmission(
        Context.AfterTransmission context, ExecutionAttributes attributes) {
      SdkHttpResponse response = context.httpResponse();
      if (!response.isSuccessful()) {
        String type =
            response
                .firstMatchingHeader("x-amzn-ErrorType")
                .map(t -> t.split(":", 2)[0])
                .orElse("");
        attributes.putAttribute(
            LAST_FAILURE, "HTTP " + response.statusCode() + (type.isEmpty() ? "" : " " + type));
      }
    }
  }
}
