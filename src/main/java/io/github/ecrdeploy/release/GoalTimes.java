package io.github.ecrdeploy.release;

import io.github.ecrdeploy.JsonReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each goal of one build took, kept in {@code target/ecr-deploy/goal-times.json} between
 * the goals of a module; a file from another build (another {@code buildStart}) is discarded.
 *
 * @param buildStart when the Maven build started, epoch milliseconds
 * @param millis milliseconds per goal, in the order the goals ran
 */
public record GoalTimes(long buildStart, Map<String, Long> millis) {
  public static final String FILE_NAME = "goal-times.json";

  public GoalTimes {
    millis = new LinkedHashMap<>(millis);
  }

  /**
   * Records that {@code goal} took {@code tookMillis} in the build started at {@code buildStart}.
   */
  public static GoalTimes record(
      Path outputDirectory, long buildStart, String goal, long tookMillis) throws IOException {
    Path file = outputDirectory.resolve(FILE_NAME);
    GoalTimes times = new GoalTimes(buildStart, Map.of());
    if (Files.isRegularFile(file)) {
      GoalTimes read = JsonReports.read(file, GoalTimes.class);
      if (read.buildStart() == buildStart) {
        times = read;
      }
    }
    times.millis.put(goal, tookMillis);
    JsonReports.write(file, times);
    return times;
  }
}
