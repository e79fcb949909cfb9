package io.github.ecrdeploy.ecr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which AWS region a goal uses (docs/region.md): {@code -Decr.region} on the command line, else
 * {@code <region>} in the POM, else the AWS SDK's region chain ({@code aws.region}, {@code
 * AWS_REGION}, the profile's {@code region}).
 *
 * @param region the region to use, or null for the SDK's chain
 * @param note when the sources disagree: which one won and what it overrode
 */
public record RegionChoice(String region, Optional<String> note) {

  /**
   * The choice from {@code -Decr.region} ({@code commandLine}), the goal's region parameter ({@code
   * configured}: {@code <region>}, or the property when the POM has no {@code <region>}) and the
   * {@code AWS_REGION} environment variable; each may be null or blank.
   */
  public static RegionChoice of(String commandLine, String configured, String awsRegionEnv) {
    String flag = clean(commandLine);
    String pom = clean(configured);
    String env = clean(awsRegionEnv);
    if (flag == null && pom == null) {
      return new RegionChoice(null, Optional.empty());
    }
    String chosen = flag != null ? flag : pom;
    List<String> overridden = new ArrayList<>();
    if (flag != null && pom != null && !pom.equals(flag)) {
      overridden.add("<region> " + pom + " in the POM");
    }
    if (env != null && !env.equals(chosen)) {
      overridden.add("AWS_REGION=" + env);
    }
    if (overridden.isEmpty()) {
      return new RegionChoice(chosen, Optional.empty());
    }
    String source = flag != null ? "-Decr.region" : "<region> (ecr.region)";
    return new RegionChoice(
        chosen,
        Optional.of(
            "AWS region "
                + chosen
                + " from "
                + source
                + "; it overrides "
                + String.join(" and ", overridden)
                + " (docs/region.md)"));
  }

  private static String clean(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
