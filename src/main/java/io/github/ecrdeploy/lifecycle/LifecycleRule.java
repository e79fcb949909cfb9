package io.github.ecrdeploy.lifecycle;

import java.util.List;
import java.util.Objects;

/**
 * One rule of an ECR lifecycle policy, field for field as in the policy JSON. Optional fields are
 * {@code null} when absent; they are then left out of the JSON, because ECR rejects {@code null}
 * values. A rule may be invalid until {@link PolicyValidator} has accepted the policy that holds
 * it.
 *
 * @param priority {@code rulePriority}: 1 is applied first
 * @param description {@code description}, or {@code null}
 * @param tagStatus {@code selection.tagStatus}
 * @param tagPatterns {@code selection.tagPatternList} ({@code *} matches any characters), or {@code
 *     null}
 * @param tagPrefixes {@code selection.tagPrefixList}, or {@code null}
 * @param storageClass {@code selection.storageClass}, or {@code null} for the default, standard
 * @param countType {@code selection.countType}
 * @param countUnit {@code selection.countUnit} ({@link CountType#DAYS}), or {@code null}
 * @param countNumber {@code selection.countNumber}: images to keep, or days
 * @param action {@code action.type}
 * @param targetStorageClass {@code action.targetStorageClass}, or {@code null}
 * @param location where the rule was declared, for messages
 */
public record LifecycleRule(
    int priority,
    String description,
    TagStatus tagStatus,
    List<String> tagPatterns,
    List<String> tagPrefixes,
    StorageClass storageClass,
    CountType countType,
    String countUnit,
    int countNumber,
    ActionType action,
    StorageClass targetStorageClass,
    RuleLocation location) {

  public LifecycleRule {
    Objects.requireNonNull(tagStatus, "tagStatus");
    Objects.requireNonNull(countType, "countType");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(location, "location");
    tagPatterns = tagPatterns == null ? null : List.copyOf(tagPatterns);
    tagPrefixes = tagPrefixes == null ? null : List.copyOf(tagPrefixes);
  }

  /**
   * The storage class whose images this rule selects: {@link #storageClass()}, standard when
   * absent.
   */
  public StorageClass selectedStorageClass() {
    return storageClass == null ? StorageClass.STANDARD : storageClass;
  }

  /**
   * The rule's location and priority for messages, e.g. {@code <lifecyclePolicy><rules><rule>[2]
   * (priority 2)}.
   */
  public String describe() {
    return location.rule() + " (priority " + priority + ')';
  }
}
