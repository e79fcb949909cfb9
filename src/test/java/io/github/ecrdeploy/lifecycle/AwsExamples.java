package io.github.ecrdeploy.lifecycle;

/**
 * The lifecycle policies of the ECR user guide ("Examples of lifecycle policies"), as published.
 */
final class AwsExamples {

  private AwsExamples() {}

  static final String UNTAGGED_OLDER_THAN_14_DAYS =
      """
      {"rules":[{"rulePriority":1,"description":"Expire images older than 14 days",
       "selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},
       "action":{"type":"expire"}}]}\
      """;

  static final String KEEP_ONE_UNTAGGED =
      """
      {"rules":[{"rulePriority":1,"description":"Keep only one untagged image, expire all others",
       "selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},
       "action":{"type":"expire"}}]}\
      """;

  /** "Filtering on multiple rules", example A: prod first, then beta. */
  static final String MULTIPLE_RULES_A =
      """
      {"rules":[
       {"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged","tagPrefixList":["prod"],
        "countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
       {"rulePriority":2,"description":"Rule 2","selection":{"tagStatus":"tagged","tagPrefixList":["beta"],
        "countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}\
      """;

  /** "Filtering on multiple rules", example B: beta first, then prod. */
  static final String MULTIPLE_RULES_B =
      """
      {"rules":[
       {"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged","tagPrefixList":["beta"],
        "countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
       {"rulePriority":2,"description":"Rule 2","selection":{"tagStatus":"tagged","tagPrefixList":["prod"],
        "countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}\
      """;

  /** "Filtering on multiple tags in a single rule", example A. */
  static final String MULTIPLE_TAGS_A =
      """
      {"rules":[{"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged",
        "tagPrefixList":["alpha","beta"],"countType":"sinceImagePushed","countNumber":5,"countUnit":"days"},
        "action":{"type":"expire"}}]}\
      """;

  /** "Filtering on multiple tags in a single rule", example B. */
  static final String MULTIPLE_TAGS_B =
      """
      {"rules":[{"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged",
        "tagPrefixList":["alpha","beta"],"countType":"imageCountMoreThan","countNumber":1},
        "action":{"type":"expire"}}]}\
      """;

  /** "Filtering on all images", example A. */
  static final String ALL_IMAGES_A =
      """
      {"rules":[{"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"any",
        "countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}\
      """;

  /** "Filtering on all images", example B: all rule types in one policy. */
  static final String ALL_IMAGES_B =
      """
      {"rules":[
       {"rulePriority":1,"description":"Rule 1","selection":{"tagStatus":"tagged","tagPatternList":["alpha*"],
        "countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
       {"rulePriority":2,"description":"Rule 2","selection":{"tagStatus":"untagged","countType":"sinceImagePushed",
        "countUnit":"days","countNumber":1},"action":{"type":"expire"}},
       {"rulePriority":3,"description":"Rule 3","selection":{"tagStatus":"any","countType":"imageCountMoreThan",
        "countNumber":1},"action":{"type":"expire"}}]}\
      """;

  static final String ARCHIVE_PROD_AFTER_30_DAYS =
      """
      {"rules":[{"rulePriority":1,"description":"Archive production images older than 30 days",
        "selection":{"tagStatus":"tagged","tagPatternList":["prod*"],"countType":"sinceImagePushed",
        "countUnit":"days","countNumber":30},"action":{"type":"transition","targetStorageClass":"archive"}}]}\
      """;

  static final String ARCHIVE_NOT_PULLED_90_DAYS =
      """
      {"rules":[{"rulePriority":1,"description":"Archive images not pulled in 90 days",
        "selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":90},
        "action":{"type":"transition","targetStorageClass":"archive"}}]}\
      """;

  static final String ARCHIVE_THEN_EXPIRE =
      """
      {"rules":[
       {"rulePriority":1,"description":"Archive images older than 30 days",
        "selection":{"tagStatus":"any","countType":"sinceImagePushed","countUnit":"days","countNumber":30},
        "action":{"type":"transition","targetStorageClass":"archive"}},
       {"rulePriority":2,"description":"Expire images archived for more than 365 days",
        "selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned",
        "countUnit":"days","countNumber":365},"action":{"type":"expire"}}]}\
      """;

  static LifecyclePolicy policy(String json) throws InvalidLifecyclePolicyException {
    return PolicyValidator.validate(PolicyJsonReader.parse(json, "example"), java.util.List.of());
  }
}
