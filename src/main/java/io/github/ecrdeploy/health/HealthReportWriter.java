package io.github.ecrdeploy.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.ecrdeploy.JsonReports;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes a gate or smoke result as JSON ({@code health.json}, {@code smoke.json}) through {@link
 * JsonReports}: overall verdict, then per-endpoint attempts.
 */
public final class HealthReportWriter {
  private HealthReportWriter() {}

  /** Writes {@code result} to {@code file}, creating parent directories. */
  public static void write(HealthGateResult result, Path file) throws IOException {
    writeJson(gateReport(result, null), file);
  }

  /**
   * Writes a smoke run (gate result plus container facts and, when red, its last log lines) to
   * {@code file}.
   */
  public static void write(SmokeResult result, Path file) throws IOException {
    ContainerReport container =
        new ContainerReport(
            result.engine(), result.image(), result.containerId(), result.containerLogs());
    Object report =
        result.gate() == null
            ? new NoEngineReport(result.outcome().name().toLowerCase(Locale.ROOT), result.message())
            : gateReport(result.gate(), container);
    writeJson(report, file);
  }

  private static void writeJson(Object report, Path file) throws IOException {
    JsonReports.write(file.toAbsolutePath(), report);
  }

  private static GateReport gateReport(HealthGateResult result, ContainerReport container) {
    List<EndpointReport> endpoints =
        result.endpoints().stream()
            .map(
                e ->
                    new EndpointReport(
                        e.check().method(),
                        e.check().url().toString(),
                        e.passed() ? "green" : "red",
                        e.attempts(),
                        e.statuses(),
                        e.lastStatus(),
                        e.lastBody(),
                        e.lastFailure(),
                        millis(e.timeToGreen()),
                        millis(e.elapsed())))
            .toList();
    return new GateReport(
        result.green() ? "green" : "red",
        result.reason(),
        text(result.startedAt()),
        text(result.greenAt()),
        millis(result.timeToGreen()),
        millis(result.elapsed()),
        result.rounds(),
        result.successThreshold(),
        endpoints,
        container);
  }

  private static Long millis(Duration duration) {
    return duration == null ? null : duration.toMillis();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record GateReport(
      String result,
      String reason,
      String startedAt,
      String greenAt,
      Long timeToGreenMillis,
      Long elapsedMillis,
      int rounds,
      int successThreshold,
      List<EndpointReport> endpoints,
      ContainerReport container) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EndpointReport(
      String method,
      String url,
      String result,
      int attempts,
      List<Integer> statuses,
      Integer lastStatus,
      String lastBody,
      String lastFailure,
      Long timeToGreenMillis,
      Long elapsedMillis) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContainerReport(String engine, String image, String containerId, List<String> logs) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record NoEngineReport(String result, String reason) {}
}
