package io.github.ecrdeploy.ecr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code <repositorySettings>}: how {@code push} creates a missing repository. */
public class RepositoryConfig {
  /** MUTABLE or IMMUTABLE. */
  private String tagMutability = TagMutability.MUTABLE;

  /** Scan images on push. */
  private boolean scanOnPush = true;

  /** AES256 or KMS; null for ECR's default (AES256). */
  private String encryptionType;

  /** KMS key ARN or alias, with encryptionType KMS. */
  private String kmsKey;

  /** Tags of the repository resource. */
  private Map<String, String> resourceTags = new LinkedHashMap<>();

  public String getTagMutability() {
    return tagMutability;
  }

  public void setTagMutability(String tagMutability) {
    this.tagMutability = tagMutability;
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
    return tagMutability == null
        ? TagMutability.MUTABLE
        : tagMutability.trim().toUpperCase(Locale.ROOT);
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
    if (!TagMutability.VALUES.contains(mutability())) {
      problems.add(
          "<repositorySettings><tagMutability> '"
              + tagMutability
              + "' must be MUTABLE or IMMUTABLE");
    }
    String encryption = encryption();
    if (encryption != null && !List.of("AES256", "KMS").contains(encryption)) {
      problems.add(
          "<repositorySettings><encryptionType> '" + encryptionType + "' must be AES256 or KMS");
    }
    if (kmsKey != null && !kmsKey.isBlank() && !"KMS".equals(encryption)) {
      problems.add(
          "<repositorySettings><kmsKey> is only used with <encryptionType>KMS</encryptionType>");
    }
    if (resourceTags != null && resourceTags.size() > 50) {
      problems.add(
          "<repositorySettings><resourceTags> has " + resourceTags.size() + " tags; ECR allows 50");
    }
    return problems;
  }
}
