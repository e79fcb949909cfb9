package io.github.ecrdeploy.ecr;

import io.github.ecrdeploy.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Whether a tag can move in a repository: ECR's four tag mutability modes and their wildcard
 * exclusion filters. In {@code IMMUTABLE_WITH_EXCLUSION} a tag matching a filter stays mutable, in
 * {@code MUTABLE_WITH_EXCLUSION} a tag matching a filter is immutable (ECR API reference,
 * https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageTagMutabilityExclusionFilter.html
 * and CreateRepository's imageTagMutability). The one place that says whether a tag can move:
 * {@code TagMutability.of(repository).isImmutable(tag)}.
 *
 * @param mode {@code MUTABLE}, {@code IMMUTABLE}, {@code IMMUTABLE_WITH_EXCLUSION} or {@code
 *     MUTABLE_WITH_EXCLUSION}
 * @param exclusionFilters the wildcard filters of the two {@code *_WITH_EXCLUSION} modes
 */
public record TagMutability(String mode, List<String> exclusionFilters) {

  public static final String MUTABLE = "MUTABLE";
  public static final String IMMUTABLE = "IMMUTABLE";
  public static final String IMMUTABLE_WITH_EXCLUSION = "IMMUTABLE_WITH_EXCLUSION";
  public static final String MUTABLE_WITH_EXCLUSION = "MUTABLE_WITH_EXCLUSION";

  /** The four modes ECR accepts. */
  public static final List<String> MODES =
      List.of(MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION);

  /** ECR's filter shape: {@code ^[0-9a-zA-Z._*-]{1,128}$}, 1 to 5 filters (API reference). */
  private static final Pattern FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");

  private static final int MAX_FILTERS = 5;

  public TagMutability {
    mode = mode == null ? MUTABLE : mode;
    exclusionFilters = exclusionFilters == null ? List.of() : List.copyOf(exclusionFilters);
  }

  /** The mutability ECR reports for a repository. */
  public static TagMutability of(Repository repository) {
    return new TagMutability(
        repository.imageTagMutabilityAsString(),
        repository.imageTagMutabilityExclusionFilters().stream()
            .map(ImageTagMutabilityExclusionFilter::filter)
            .toList());
  }

  /** Whether every tag is immutable, whatever the filters ({@code IMMUTABLE}). */
  public static boolean everyTagImmutable(String mode) {
    return IMMUTABLE.equals(mode);
  }

  /** Whether {@code tag} cannot move once it exists. */
  public boolean isImmutable(String tag) {
    boolean excluded = matchingFilter(tag).isPresent();
    return switch (mode) {
      case IMMUTABLE -> true;
      case IMMUTABLE_WITH_EXCLUSION -> !excluded;
      case MUTABLE_WITH_EXCLUSION -> excluded;
      default -> false;
    };
  }

  /**
   * Why {@code tag} is immutable, naming the mode and the filter: e.g. {@code tagMutability
   * MUTABLE_WITH_EXCLUSION, filter 'release-*'} or {@code tagMutability IMMUTABLE_WITH_EXCLUSION,
   * no exclusion filter of [latest, main-*] matches it}.
   */
  public String reason(String tag) {
    return switch (mode) {
      case MUTABLE_WITH_EXCLUSION ->
          "tagMutability " + mode + ", filter '" + matchingFilter(tag).orElse("?") + "'";
      case IMMUTABLE_WITH_EXCLUSION ->
          "tagMutability " + mode + ", no exclusion filter of " + exclusionFilters + " matches it";
      default -> "tagMutability " + mode;
    };
  }

  /**
   * One tag of a push refused: {@code tag 'T' points at A, this build is B}, then why T is
   * immutable unless the whole repository is IMMUTABLE.
   */
  String conflict(String tag, String current, String what, String digest) {
    return "tag '"
        + tag
        + "' points at "
        + current
        + ", "
        + what
        + " is "
        + digest
        + (everyTagImmutable(mode) ? "" : " (immutable: " + reason(tag) + ")");
  }

  /** The refusal of a push whose tags {@code conflicts} ({@link #conflict}) cannot move. */
  EcrDeployException refusal(String repository, List<String> conflicts) {
    boolean all = everyTagImmutable(mode);
    return new EcrDeployException(
        "The repository "
            + repository
            + (all ? " has IMMUTABLE tags, and " : " has immutable tags, and ")
            + String.join("; ", conflicts)
            + ". Nothing was pushed. Use a new tag (e.g. a new <version>) or make the repository"
            + (all ? " MUTABLE." : " MUTABLE or change its tag mutability exclusion filters."));
  }

  /** The first exclusion filter matching the whole tag ({@code *} matches any run, also none). */
  public Optional<String> matchingFilter(String tag) {
    return exclusionFilters.stream().filter(filter -> matches(filter, tag)).findFirst();
  }

  /**
   * What ECR would refuse in a repository's mutability settings ({@code configured} as written,
   * case-insensitive), each naming the POM element: an unknown mode, filters missing with a {@code
   * *_WITH_EXCLUSION} mode or given without one, more than 5 filters, a filter that is not 1 to 128
   * of {@code 0-9a-zA-Z._*-}.
   */
  public static List<String> problems(String configured, List<String> filters) {
    List<String> problems = new ArrayList<>();
    String element = "<repositorySettings><tagMutabilityExclusions>";
    String mode = normalize(configured);
    if (!MODES.contains(mode)) {
      problems.add(
          "<repositorySettings><tagMutability> '"
              + configured
              + "' must be MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or"
              + " MUTABLE_WITH_EXCLUSION");
      return problems;
    }
    boolean withExclusion = mode.endsWith("_WITH_EXCLUSION");
    if (withExclusion && filters.isEmpty()) {
      problems.add(
          element
              + " needs 1 to 5 <filter>s with <tagMutability>"
              + mode
              + "</tagMutability> (ECR requires them)");
    }
    if (!withExclusion && !filters.isEmpty()) {
      problems.add(
          element
              + " is only used with <tagMutability> IMMUTABLE_WITH_EXCLUSION or"
              + " MUTABLE_WITH_EXCLUSION, not "
              + mode);
    }
    if (filters.size() > MAX_FILTERS) {
      problems.add(element + " has " + filters.size() + " filters; ECR allows 5");
    }
    for (String filter : filters) {
      if (filter == null || !FILTER.matcher(filter).matches()) {
        problems.add(
            element
                + " <filter> '"
                + filter
                + "' must be 1 to 128 characters of letters, digits, '.', '_', '-' and the"
                + " wildcard '*'");
      }
    }
    return problems;
  }

  /** Upper-cases a configured mode; null or blank means MUTABLE. */
  static String normalize(String mode) {
    String value = Text.blankToNull(mode);
    return value == null ? MUTABLE : value.toUpperCase(Locale.ROOT);
  }

  private static boolean matches(String filter, String tag) {
    String regex =
        Arrays.stream(filter.split("\\*", -1))
            .map(Pattern::quote)
            .collect(Collectors.joining(".*"));
    return Pattern.matches(regex, tag);
  }
}
