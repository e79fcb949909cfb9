package io.github.ecrdeploy.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ecrdeploy.JsonReports;
import io.github.ecrdeploy.image.ByteSize;
import io.github.ecrdeploy.lifecycle.LifecycleReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One release of a module at a glance, written to {@code target/ecr-deploy/release.json} and {@code
 * release.md}.
 *
 * @param module the module's artifactId
 * @param repository the ECR repository
 * @param imageUri {@code host/repository@digest} as pushed
 * @param digest the image digest
 * @param sizeBytes compressed image size, base included
 * @param maxImageSizeBytes build's {@code <maxImageSize>}, or null when none is set
 * @param layersReused layers the repository already had
 * @param layersUploaded layers uploaded by this push
 * @param bytesUploaded compressed bytes uploaded
 * @param cacheHitRatio the build's cache hit ratio, or null when build did not run
 * @param goals how long each goal of this build took, in the order they ran
 * @param tagsMoved tags created or moved by this push
 * @param health {@code green} or {@code red} when the health goal ran, else null
 * @param timeToGreenMillis from the roll-out to a green health gate, or null
 * @param storage the lifecycle storage line, or null when lifecycle did not simulate
 */
public record ReleaseSummary(
    String module,
    String repository,
    String imageUri,
    String digest,
    long sizeBytes,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long maxImageSizeBytes,
    int layersReused,
    int layersUploaded,
    long bytesUploaded,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double cacheHitRatio,
    List<GoalTime> goals,
    List<String> tagsMoved,
    @JsonInclude(JsonInclude.Include.NON_NULL) String health,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long timeToGreenMillis,
    @JsonInclude(JsonInclude.Include.NON_NULL) String storage) {
  public static final String JSON_FILE = "release.json";
  public static final String MARKDOWN_FILE = "release.md";

  /** One goal's duration. */
  public record GoalTime(String goal, long millis) {}

  /**
   * The release described by the reports in {@code outputDirectory}, or null when nothing was
   * pushed in this build ({@code times} has no {@code push}).
   *
   * @param maxImageSize the build's {@code <maxImageSize>} in bytes, or null
   */
  public static ReleaseSummary collect(
      String module, Path outputDirectory, GoalTimes times, Long maxImageSize) throws IOException {
    JsonNode push = read(outputDirectory.resolve("push.json"));
    if (push == null || !times.millis().containsKey("push")) {
      return null;
    }
    JsonNode image = read(outputDirectory.resolve("image.json"));
    JsonNode health =
        times.millis().containsKey("health") ? read(outputDirectory.resolve("health.json")) : null;
    String storage = null;
    Path lifecycle = outputDirectory.resolve("lifecycle.json");
    if (times.millis().containsKey("lifecycle") && Files.isRegularFile(lifecycle)) {
      LifecycleReport report = JsonReports.read(lifecycle, LifecycleReport.class);
      storage = report.storage() == null ? null : report.storage().line();
    }
    List<GoalTime> goals = new ArrayList<>();
    for (Map.Entry<String, Long> goal : times.millis().entrySet()) {
      goals.add(new GoalTime(goal.getKey(), goal.getValue()));
    }
    List<String> moved = new ArrayList<>();
    push.path("tagsMoved").forEach(tag -> moved.add(tag.asText()));
    boolean built = image != null && times.millis().containsKey("build");
    return new ReleaseSummary(
        module,
        push.path("repository").asText(),
        push.path("imageUri").asText(),
        push.path("digest").asText(),
        image == null ? 0 : image.path("sizeBytes").asLong(),
        maxImageSize,
        push.path("layersSkipped").asInt(),
        push.path("layersUploaded").asInt(),
        push.path("bytesUploaded").asLong(),
        built && image.hasNonNull("cacheHitRatio") ? image.path("cacheHitRatio").asDouble() : null,
        goals,
        moved,
        health == null ? null : health.path("result").asText(null),
        health == null || !health.hasNonNull("timeToGreenMillis")
            ? null
            : health.path("timeToGreenMillis").asLong(),
        storage);
  }

  /** The console block, one line per entry. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("Release of " + module + ": " + imageUri);
    rows().forEach(row -> lines.add(String.format(Locale.ROOT, "  %-14s %s", row[0], row[1])));
    return lines;
  }

  /** The Markdown table of {@code release.md}, as GitHub renders it in a job summary. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### Release of `").append(module).append("`\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| image | `").append(imageUri).append("` |\n");
    for (String[] row : rows()) {
      md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
    }
    return md.toString();
  }

  /** Writes release.json and release.md into {@code outputDirectory}. */
  public void write(Path outputDirectory) throws IOException {
    JsonReports.write(outputDirectory.resolve(JSON_FILE), this);
    Files.writeString(outputDirectory.resolve(MARKDOWN_FILE), markdown(), StandardCharsets.UTF_8);
  }

  /** Appends release.md to a GitHub Actions job summary file ({@code GITHUB_STEP_SUMMARY}). */
  public void appendTo(Path stepSummary) throws IOException {
    Files.writeString(
        stepSummary,
        markdown() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"digest", digest});
    rows.add(
        new String[] {
          "size",
          ByteSize.format(sizeBytes)
              + (maxImageSizeBytes == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      " of %s allowed (%.0f%%)",
                      ByteSize.format(maxImageSizeBytes),
                      sizeBytes * 100.0 / maxImageSizeBytes))
        });
    String cache =
        cacheHitRatio == null
            ? ""
            : String.format(Locale.ROOT, "; build cache hit %.1f%%", cacheHitRatio * 100);
    rows.add(
        new String[] {
          "layers",
          layersReused
              + " reused, "
              + layersUploaded
              + " uploaded ("
              + ByteSize.format(bytesUploaded)
              + ")"
              + cache
        });
    rows.add(
        new String[] {
          "goals",
          String.join(", ", goals.stream().map(g -> g.goal() + " " + seconds(g.millis())).toList())
        });
    rows.add(
        new String[] {"tags moved", tagsMoved.isEmpty() ? "none" : String.join(", ", tagsMoved)});
    if (health != null) {
      rows.add(
          new String[] {
            "health",
            timeToGreenMillis == null ? health : health + " after " + seconds(timeToGreenMillis)
          });
    }
    if (storage != null) {
      rows.add(new String[] {"storage", storage});
    }
    return rows;
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static JsonNode read(Path file) throws IOException {
    return Files.isRegularFile(file) ? JsonReports.read(file, JsonNode.class) : null;
  }
}
