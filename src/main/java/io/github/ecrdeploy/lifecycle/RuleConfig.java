package io.github.ecrdeploy.lifecycle;

import java.util.List;

/**
 * One {@code <lifecyclePolicy><rules><rule>}, injected by Maven:
 *
 * <pre>{@code
 * <rule>
 *   <priority>1</priority>            <!-- optional; default: the rule's position, tagStatus any rules last -->
 *   <description>Keep the last 5 release images</description>
 *   <!-- tagStatus: tagged | untagged | any; default tagged with prefixes or patterns, else any -->
 *   <tagStatus>tagged</tagStatus>
 *   <tagPrefixes><tagPrefix>v</tagPrefix></tagPrefixes>
 *   <tagPatterns><tagPattern>release-*</tagPattern></tagPatterns>  <!-- or prefixes, never both -->
 *   <!-- storageClass: standard | archive; default archive with archivedForDays, else standard -->
 *   <storageClass>standard</storageClass>
 *   <keepLast>5</keepLast>                 <!-- exactly one of these four -->
 *   <olderThanDays>30</olderThanDays>
 *   <notPulledForDays>90</notPulledForDays>
 *   <archivedForDays>365</archivedForDays>
 *   <action>expire</action>                <!-- expire | archive; default expire -->
 * </rule>
 * }</pre>
 *
 * The count elements map to ECR's {@code countType}: {@code keepLast} is {@code imageCountMoreThan}
 * (keep the newest N), {@code olderThanDays} is {@code sinceImagePushed}, {@code notPulledForDays}
 * is {@code sinceImagePulled} (only with {@code <action>archive</action>}) and {@code
 * archivedForDays} is {@code sinceImageTransitioned} (only with {@code <action>expire</action>} on
 * the archive storage class, at least 90 days). {@code <action>archive</action>} is ECR's {@code
 * transition} action to the {@code archive} storage class.
 */
public class RuleConfig {

  private Integer priority;
  private String description;
  private String tagStatus;
  private List<String> tagPrefixes;
  private List<String> tagPatterns;
  private String storageClass;
  private Integer keepLast;
  private Integer olderThanDays;
  private Integer notPulledForDays;
  private Integer archivedForDays;
  private String action;

  public Integer getPriority() {
    return priority;
  }

  public void setPriority(Integer priority) {
    this.priority = priority;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getTagStatus() {
    return tagStatus;
  }

  public void setTagStatus(String tagStatus) {
    this.tagStatus = tagStatus;
  }

  public List<String> getTagPrefixes() {
    return tagPrefixes;
  }

  public void setTagPrefixes(List<String> tagPrefixes) {
    this.tagPrefixes = tagPrefixes;
  }

  public List<String> getTagPatterns() {
    return tagPatterns;
  }

  public void setTagPatterns(List<String> tagPatterns) {
    this.tagPatterns = tagPatterns;
  }

  public String getStorageClass() {
    return storageClass;
  }

  public void setStorageClass(String storageClass) {
    this.storageClass = storageClass;
  }

  public Integer getKeepLast() {
    return keepLast;
  }

  public void setKeepLast(Integer keepLast) {
    this.keepLast = keepLast;
  }

  public Integer getOlderThanDays() {
    return olderThanDays;
  }

  public void setOlderThanDays(Integer olderThanDays) {
    this.olderThanDays = olderThanDays;
  }

  public Integer getNotPulledForDays() {
    return notPulledForDays;
  }

  public void setNotPulledForDays(Integer notPulledForDays) {
    this.notPulledForDays = notPulledForDays;
  }

  public Integer getArchivedForDays() {
    return archivedForDays;
  }

  public void setArchivedForDays(Integer archivedForDays) {
    this.archivedForDays = archivedForDays;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }
}
