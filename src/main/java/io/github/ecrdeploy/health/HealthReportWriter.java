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
   * Writes the release's gate and, under {@code rollback}, what the automatic roll-back did and its
   * own gate.
   */
  public static void write(HealthGateResult result, RollbackAttempt rollback, Path file)
      throws IOException {
    GateReport release = gateReport(result, null);
    writeJson(
        new GateReport(
            release.result(),
            release.reason(),
            release.startedAt(),
            release.greenAt(),
            release.timeToGreenMillis(),
            release.elapsedMillis(),
            release.rounds(),
            release.successThreshold(),
            release.endpoints(),
            null,
            new RollbackReport(
                rollback.outcome(),
                rollback.digest(),
                rollback.tags(),
                rollback.gate() == null ? null : gateReport(rollback.gate(), null))),
        file);
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
        container,
        null);
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
      ContainerReport container,
      RollbackReport rollback) {}

  record RollbackReport(String outcome, String image, List<String> tags, GateReport gate) {}

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
