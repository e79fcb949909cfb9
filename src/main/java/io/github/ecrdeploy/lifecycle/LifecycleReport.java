package io.github.ecrdeploy.lifecycle;

import java.util.List;

/**
 * What the {@code lifecycle} goal did, written to {@code target/ecr-deploy/lifecycle.json}.
 *
 * @param applied true when {@code PutLifecyclePolicy} was called
 * @param dryRun true for a dry run (nothing changed)
 * @param policyText the policy as sent to ECR
 * @param changes differences to the policy ECR had (empty when unchanged)
 * @param warnings lint warnings
 * @param simulation the offline evaluation over the repository's images, or null when it was not
 *     needed
 * @param preview ECR's own preview (dry run only), or null
 * @param disagreements images where the simulation and ECR's preview differ (dry run only)
 * @param protectedTags the tags the guard protected, each with its reason
 * @param storage images, bytes and monthly cost before and after the policy, or null when the
 *     policy was not simulated
 */
public record LifecycleReport(
    boolean applied,
    boolean dryRun,
    String policyText,
    List<String> changes,
    List<String> warnings,
    SimulationReport simulation,
    List<ImageOutcome> preview,
    List<String> disagreements,
    List<ProtectedTag> protectedTags,
    StorageCost.StorageReport storage) {

  public LifecycleReport {
    protectedTags = List.copyOf(protectedTags);
  }

  /** The policy ECR has is the POM's: nothing applied, nothing simulated. */
  public static LifecycleReport upToDate(
      String policyText, List<String> warnings, List<ProtectedTag> protectedTags) {
    return new LifecycleReport(
        false, false, policyText, List.of(), warnings, null, null, List.of(), protectedTags, null);
  }

  /** The policy was applied with {@code changes}, after {@code simulation}. */
  public static LifecycleReport applied(
      String policyText,
      List<String> changes,
      List<String> warnings,
      Simulation simulation,
      List<ProtectedTag> protectedTags,
      StorageCost.StorageReport storage) {
    return new LifecycleReport(
        true,
        false,
        policyText,
        changes,
        warnings,
        SimulationReport.of(simulation),
        null,
        List.of(),
        protectedTags,
        storage);
  }

  /** A dry run: the simulation next to ECR's preview, and where they disagree. */
  public static LifecycleReport dryRun(
      String policyText,
      List<String> warnings,
      Simulation simulation,
      List<PreviewedImage> preview,
      List<ProtectedTag> protectedTags,
      StorageCost.StorageReport storage) {
    return new LifecycleReport(
        false,
        true,
        policyText,
        List.of(),
        warnings,
        SimulationReport.of(simulation),
        preview.stream()
            .map(p -> new ImageOutcome(p.digest(), p.tags(), null, p.rulePriority(), null))
            .toList(),
        PreviewComparison.disagreements(simulation, preview),
        protectedTags,
        storage);
  }

  /** The simulation in the report: the images that would change, and how many stay. */
  public record SimulationReport(
      List<ImageOutcome> expire, List<ImageOutcome> archive, int remaining) {

    public static SimulationReport of(Simulation simulation) {
      return new SimulationReport(
          outcomes(simulation, ImageAction.EXPIRE),
          outcomes(simulation, ImageAction.TRANSITION),
          simulation.remaining());
    }

    private static List<ImageOutcome> outcomes(Simulation simulation, ImageAction action) {
      return simulation.withAction(action).stream()
          .map(
              s ->
                  new ImageOutcome(
                      s.image().digest(),
                      s.image().tags(),
                      s.image().pushedAt().toString(),
                      s.decidingRule() == null ? null : s.decidingRule().priority(),
                      s.index()))
          .toList();
    }
  }

  /**
   * One image and the rule (by priority) that acts on it.
   *
   * @param index for a platform image, the digest of the image index it goes with; else null
   */
  public record ImageOutcome(
      String digest, List<String> tags, String pushedAt, Integer rulePriority, String index) {}
}
