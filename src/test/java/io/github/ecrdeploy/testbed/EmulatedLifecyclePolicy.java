package io.github.ecrdeploy.testbed;

import java.util.List;

/**
 * A validated lifecycle policy: its rules in priority order and the text ECR stores (minified,
 * rules sorted by {@code rulePriority}). Values are kept as the policy spells them (lower case:
 * {@code tagged}, {@code expire}).
 */
record EmulatedLifecyclePolicy(List<Rule> rules, String storedText) {

  static final String STANDARD = "standard";
  static final String ARCHIVE = "archive";

  /**
   * One rule; {@code tagPrefixes}/{@code tagPatterns} are empty unless given, {@code storageClass}
   * defaults to standard.
   */
  record Rule(
      int priority,
      String tagStatus,
      List<String> tagPrefixes,
      List<String> tagPatterns,
      String storageClass,
      String countType,
      String countUnit,
      long countNumber,
      String actionType,
      String targetStorageClass) {}
}
