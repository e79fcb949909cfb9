package io.github.ecrdeploy.maven;

import io.github.ecrdeploy.JsonReports;
import io.github.ecrdeploy.image.ByteSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

/**
 * The push summary of a reactor build. Each {@code push} execution records its module's outcome
 * (pushed, unchanged, failed or skipped) in the build's one instance (see {@link BuildScoped}),
 * which rewrites {@code reactor-summary.json} each time; the execution that records the last module
 * expected to push gets the one-screen table to print, once per build, whichever thread it runs on.
 */
final class ReactorSummary {
  static final String FILE_NAME = "reactor-summary.json";

  /** What happened to one module's image. */
  enum Result {
    PUSHED,
    UNCHANGED,
    FAILED,
    SKIPPED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One module's row, also in {@code reactor-summary.json}.
   *
   * @param module the module's artifactId
   * @param result pushed (layers uploaded or tags moved), unchanged (the repository had it all),
   *     failed or skipped
   * @param imageUri {@code host/repository@digest}, null unless pushed or unchanged
   * @param digest the image digest, null unless pushed or unchanged
   * @param tags the tags that point at the image
   * @param bytesUploaded compressed bytes uploaded
   * @param detail the first line of the failure, or why the module was skipped; null otherwise
   * @param throttlingRetries ECR API calls of the module's push that ECR throttled and the SDK
   *     retried
   */
  record Module(
      String module,
      String result,
      String imageUri,
      String digest,
      List<String> tags,
      long bytesUploaded,
      String detail,
      int throttlingRetries) {

    static Module pushed(
        String module,
        String imageUri,
        String digest,
        List<String> tags,
        long bytes,
        boolean changed) {
      return new Module(
          module,
          (changed ? Result.PUSHED : Result.UNCHANGED).label(),
          imageUri,
          digest,
          tags,
          bytes,
          null,
          0);
    }

    static Module failed(String module, String message) {
      String first = message == null ? "" : message.lines().findFirst().orElse("");
      return new Module(module, Result.FAILED.label(), null, null, List.of(), 0, first, 0);
    }

    static Module skipped(String module, String reason) {
      return new Module(module, Result.SKIPPED.label(), null, null, List.of(), 0, reason, 0);
    }

    /** This outcome with {@code count} throttled ECR calls that were retried. */
    Module withThrottlingRetries(int count) {
      return new Module(module, result, imageUri, digest, tags, bytesUploaded, detail, count);
    }
  }

  /**
   * The content of {@code reactor-summary.json}.
   *
   * @param complete true once every module expected to push has recorded its outcome
   * @param throttlingRetries ECR API calls of all pushes so far that ECR throttled and the SDK
   *     retried with backoff
   * @param modules the outcomes so far, in reactor order
   */
  record Report(boolean complete, int throttlingRetries, List<Module> modules) {}

  private final List<String> expected;
  private final Path jsonFile;
  private final Map<String, Optional<Module>> outcomes = new HashMap<>();
  private final List<String> order;
  private boolean printed;

  /**
   * @param reactor ids of all projects of the build, in reactor order
   * @param expected ids of the projects whose build runs {@code push}
   * @param jsonFile where to write the report
   */
  ReactorSummary(List<String> reactor, List<String> expected, Path jsonFile) {
    this.order = List.copyOf(reactor);
    this.expected = List.copyOf(expected);
    this.jsonFile = jsonFile;
  }

  /**
   * Records the outcome of {@code projectId} (empty: not an image module, e.g. pom packaging, left
   * out of the summary) and rewrites the JSON report. Returns the table to print when this
   * completes the reactor, at most once per build.
   */
  synchronized Optional<List<String>> record(String projectId, Optional<Module> outcome)
      throws IOException {
    outcomes.put(projectId, outcome);
    boolean complete = outcomes.keySet().containsAll(expected);
    List<Module> modules = modules();
    JsonReports.write(jsonFile, new Report(complete, throttlingRetries(modules), modules));
    if (!complete || printed || modules.isEmpty()) {
      return Optional.empty();
    }
    printed = true;
    return Optional.of(table());
  }

  private List<Module> modules() {
    Set<String> ids = new LinkedHashSet<>(order);
    ids.addAll(outcomes.keySet());
    List<Module> modules = new ArrayList<>();
    for (String id : ids) {
      Optional<Module> outcome = outcomes.get(id);
      if (outcome != null) {
        outcome.ifPresent(modules::add);
      }
    }
    return modules;
  }

  private static int throttlingRetries(List<Module> modules) {
    return modules.stream().mapToInt(Module::throttlingRetries).sum();
  }

  private List<String> table() {
    List<Module> modules = modules();
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"MODULE", "IMAGE", "DIGEST", "TAGS", "UPLOADED", "RESULT"});
    for (Module m : modules) {
      cells.add(
          new String[] {
            m.module(),
            m.imageUri() == null ? "-" : m.imageUri().replaceFirst("@.*$", ""),
            m.digest() == null ? "-" : shortDigest(m.digest()),
            m.tags().isEmpty() ? "-" : String.join(",", m.tags()),
            m.imageUri() == null ? "-" : ByteSize.format(m.bytesUploaded()),
            m.detail() == null ? m.result() : m.result() + ": " + m.detail()
          });
    }
    int[] widths = new int[5];
    for (String[] row : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    long pushed = modules.stream().filter(m -> m.result().equals(Result.PUSHED.label())).count();
    long failed = modules.stream().filter(m -> m.result().equals(Result.FAILED.label())).count();
    long uploaded = modules.stream().mapToLong(Module::bytesUploaded).sum();
    int throttled = throttlingRetries(modules);
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Reactor images: %d module(s), %d pushed, %d failed, %s uploaded%s (%s)",
            modules.size(),
            pushed,
            failed,
            ByteSize.format(uploaded),
            throttled == 0 ? "" : ", " + throttled + " ECR call(s) retried after throttling",
            jsonFile));
    String format =
        "  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %-" + widths[3]
            + "s  %" + widths[4] + "s  %s";
    for (String[] row : cells) {
      lines.add(String.format(Locale.ROOT, format, (Object[]) row).stripTrailing());
    }
    return lines;
  }

  private static String shortDigest(String digest) {
    return digest.substring(0, Math.min(digest.length(), "sha256:".length() + 12));
  }

  /**
   * Records {@code project}'s push outcome in the build's summary (empty: not an image module) and
   * prints the table when this completes the reactor. Does nothing in a build of a single project:
   * push's own lines say it all.
   */
  static void record(
      MavenSession session,
      MavenProject project,
      PluginDescriptor plugin,
      Optional<Module> outcome,
      org.apache.maven.plugin.logging.Log log) {
    List<MavenProject> projects = session.getProjects();
    if (projects.size() < 2) {
      return;
    }
    ReactorSummary summary =
        BuildScoped.get(
            session,
            ReactorSummary.class,
            () -> {
              MavenProject top =
                  session.getTopLevelProject() == null
                      ? projects.get(0)
                      : session.getTopLevelProject();
              return new ReactorSummary(
                  projects.stream().map(ReactorSummary::id).toList(),
                  projectsRunning(
                      projects,
                      session.getGoals(),
                      plugin.getGroupId(),
                      plugin.getArtifactId(),
                      plugin.getGoalPrefix(),
                      "push"),
                  Path.of(top.getBuild().getDirectory(), "ecr-deploy", FILE_NAME));
            });
    try {
      summary.record(id(project), outcome).ifPresent(lines -> lines.forEach(log::info));
    } catch (IOException e) {
      log.warn("Cannot write the reactor summary " + FILE_NAME + ": " + e.getMessage());
    }
  }

  /** {@code groupId:artifactId}, unique in a reactor. */
  static String id(MavenProject project) {
    return project.getGroupId() + ":" + project.getArtifactId();
  }

  /**
   * The projects of the build that run {@code goal} of the plugin {@code groupId:artifactId} (goal
   * prefix {@code prefix}): all of them when a command-line goal names it, else those whose build
   * binds it in an execution.
   */
  static List<String> projectsRunning(
      List<MavenProject> projects,
      List<String> cliGoals,
      String groupId,
      String artifactId,
      String prefix,
      String goal) {
    boolean fromCommandLine =
        cliGoals.stream().anyMatch(task -> namesGoal(task, groupId, artifactId, prefix, goal));
    List<String> ids = new ArrayList<>();
    for (MavenProject project : projects) {
      if (fromCommandLine || bindsGoal(project, groupId, artifactId, goal)) {
        ids.add(id(project));
      }
    }
    return ids;
  }

  private static boolean namesGoal(
      String task, String groupId, String artifactId, String prefix, String goal) {
    String[] parts = task.replaceFirst("@.*$", "").split(":");
    if (parts.length < 2 || !parts[parts.length - 1].equals(goal)) {
      return false;
    }
    return parts.length == 2
        ? parts[0].equals(prefix)
        : parts[0].equals(groupId) && parts[1].equals(artifactId);
  }

  private static boolean bindsGoal(
      MavenProject project, String groupId, String artifactId, String goal) {
    for (Plugin plugin : project.getBuildPlugins()) {
      if (plugin.getGroupId().equals(groupId) && plugin.getArtifactId().equals(artifactId)) {
        for (PluginExecution execution : plugin.getExecutions()) {
          if (execution.getGoals().contains(goal)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
