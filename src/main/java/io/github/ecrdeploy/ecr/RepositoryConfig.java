package io.github.ecrdeploy.ecr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code <repositorySettings>}: how {@code push} creates a missing repository. */
public class RepositoryConfig {
  /** MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION. */
  private String tagMutability = TagMutability.MUTABLE;

  /**
   * Wildcard filters ({@code <filter>main-*</filter>}) of the tags that behave the other way in the
   * two {@code *_WITH_EXCLUSION} modes.
   */
  private List<String> tagMutabilityExclusions = new ArrayList<>();

  /** Scan images on push. */
  private boolean scanOnPush = true;

  /** AES256, KMS or KMS_DSSE; null for ECR's default (AES256). */
  private String encryptionType;

  /** KMS key ARN or alias, with encryptionType KMS or KMS_DSSE. */
  private String kmsKey;

  /** Tags of the repository resource. */
  private Map<String, String> resourceTags = new LinkedHashMap<>();

  public String getTagMutability() {
    return tagMutability;
  }

  public void setTagMutability(String tagMutability) {
    this.tagMutability = tagMutability;
  }

  public List<String> getTagMutabilityExclusions() {
    return tagMutabilityExclusions;
  }

  public void setTagMutabilityExclusions(List<String> tagMutabilityExclusions) {
    this.tagMutabilityExclusions = tagMutabilityExclusions;
  }

  public boolean isScanOnPush() {
    return scanOnPush;
  }

  public void setScanOnPush(boolean scanOnPush) {
    this.scanOnPush = scanOnPush;
  }

  public String getEncryptionType() {
    return encryptionType;
  }

  public void setEncryptionType(String encryptionType) {
    this.encryptionType = encryptionType;
  }

  public String getKmsKey() {
    return kmsKey;
  }

  public void setKmsKey(String kmsKey) {
    this.kmsKey = kmsKey;
  }

  public Map<String, String> getResourceTags() {
    return resourceTags;
  }

  public void setResourceTags(Map<String, String> resourceTags) {
    this.resourceTags = resourceTags;
  }

  /** Upper-cased tag mutability. */
  String mutability() {
    return TagMutability.normalize(tagMutability);
  }

  /** The configured mode with its exclusion filters (trimmed). */
  TagMutability tagMutabilityWithExclusions() {
    return new TagMutability(mutability(), exclusions());
  }

  private List<String> exclusions() {
    return tagMutabilityExclusions == null
        ? List.of()
        : tagMutabilityExclusions.stream().map(f -> f == null ? null : f.trim()).toList();
  }

  /** Upper-cased encryption type, or null. */
  String encryption() {
    return encryptionType == null || encryptionType.isBlank()
        ? null
        : encryptionType.trim().toUpperCase(Locale.ROOT);
  }

  /** Every problem with these settings, each naming its element. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    problems.addAll(TagMutability.problems(tagMutability, exclusions()));
    String encryption = encryption();
    // KMS_DSSE: dual-layer server-side encryption (API reference, EncryptionConfiguration)
    if (encryption != null && !List.of("AES256", "KMS", "KMS_DSSE").contains(encryption)) {
      problems.add(
          "<repositorySettings><encryptionType> '"
              + encryptionType
              + "' must be AES256, KMS or KMS_DSSE");
    }
    if (kmsKey != null && !kmsKey.isBlank() && !List.of("KMS", "KMS_DSSE").contains(encryption)) {
      problems.add(
          "<repositorySettings><kmsKey> is only used with <encryptionType>KMS</encryptionType> or"
              + " KMS_DSSE");
    }
    if (resourceTags != null && resourceTags.size() > 50) {
      problems.add(
          "<repositorySettings><resourceTags> has " + resourceTags.size() + " tags; ECR allows 50");
    }
    return problems;
  }
}
