package io.github.ecrdeploy.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PolicyValidator} on a {@code <policyFile>}: ECR's schema and constraints, named by JSON
 * path.
 */
class PolicyFileValidationTest {

  private static List<String> problems(String json) {
    return assertThrows(InvalidLifecyclePolicyException.class, () -> AwsExamples.policy(json))
        .problems();
  }

  /** A one-rule policy with the given selection and action bodies. */
  private static String policy(String selection, String action) {
    return "{\"rules\":[{\"rulePriority\":1,\"selection\":{"
        + selection
        + "},\"action\":{"
        + action
        + "}}]}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        AwsExamples.UNTAGGED_OLDER_THAN_14_DAYS,
        AwsExamples.KEEP_ONE_UNTAGGED,
        AwsExamples.MULTIPLE_RULES_A,
        AwsExamples.MULTIPLE_RULES_B,
        AwsExamples.MULTIPLE_TAGS_A,
        AwsExamples.MULTIPLE_TAGS_B,
        AwsExamples.ALL_IMAGES_A,
        AwsExamples.ALL_IMAGES_B,
        AwsExamples.ARCHIVE_PROD_AFTER_30_DAYS,
        AwsExamples.ARCHIVE_NOT_PULLED_90_DAYS,
        AwsExamples.ARCHIVE_THEN_EXPIRE
      })
  void acceptsEveryExampleOfTheUserGuide(String json) throws Exception {
    LifecyclePolicy policy = AwsExamples.policy(json);
    assertTrue(
        PolicyDiff.between(json, PolicyJson.render(policy)).isEmpty(), PolicyJson.render(policy));
  }

  @Test
  void semanticProblemsNameTheJsonPath() {
    String json =
        """
        {"rules":[
         {"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],
          "countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}},
         {"rulePriority":2,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":0},
          "action":{"type":"expire"}}]}\
        """;
    assertEquals(
        List.of(
            "rules[1].selection.countNumber must be >= 1 (it is 0): ECR accepts only positive"
                + " numbers here; use 1 or more"),
        problems(json));
  }

  @Test
  void countUnitExactlyWithDayBasedCounts() {
    assertEquals(
        List.of(
            "rules[0].selection.countUnit is missing: \"countType\": \"sinceImagePushed\" counts"
                + " days, so ECR needs \"countUnit\": \"days\""),
        problems(
            policy(
                "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countNumber\":5",
                "\"type\":\"expire\"")));
    assertEquals(
        List.of(
            "rules[0].selection.countUnit is only allowed with the day-based count types, not with"
                + " \"countType\": \"imageCountMoreThan\", which counts images: remove it"),
        problems(
            policy(
                "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\","
                    + "\"countNumber\":5",
                "\"type\":\"expire\"")));
    assertEquals(
        List.of("rules[0].selection.countUnit is \"hours\": ECR only knows \"days\""),
        problems(
            policy(
                "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"hours\","
                    + "\"countNumber\":5",
                "\"type\":\"expire\"")));
  }

  @Test
  void transitionNeedsTargetArchiveAndExpireTakesNone() {
    String selection =
        "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30";
    assertEquals(
        List.of(
            "rules[0].action.targetStorageClass is missing: ECR transitions images only to the"
                + " archive, so write \"type\": \"transition\" with \"targetStorageClass\":"
                + " \"archive\""),
        problems(policy(selection, "\"type\":\"transition\"")));
    assertEquals(
        List.of(
            "rules[0].action.targetStorageClass is \"standard\": ECR transitions images only to the"
                + " archive, so write \"type\": \"transition\" with \"targetStorageClass\":"
                + " \"archive\""),
        problems(policy(selection, "\"type\":\"transition\",\"targetStorageClass\":\"standard\"")));
    assertEquals(
        List.of(
            "rules[0].action.targetStorageClass is only allowed with \"type\": \"transition\" with"
                + " \"targetStorageClass\": \"archive\": remove it from this expire action"),
        problems(policy(selection, "\"type\":\"expire\",\"targetStorageClass\":\"archive\"")));
  }

  @Test
  void archiveCombinationsInJsonTerms() {
    assertEquals(
        List.of(
            "rules[0]: \"countType\": \"sinceImageTransitioned\" selects archived images, so ECR"
                + " needs \"storageClass\": \"archive\""),
        problems(
            policy(
                "\"tagStatus\":\"any\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\","
                    + "\"countNumber\":365",
                "\"type\":\"expire\"")));
    assertEquals(
        List.of(
            "rules[0]: \"countType\": \"sinceImagePulled\" can only archive images, ECR does not"
                + " expire by pull time: set \"type\": \"transition\" with \"targetStorageClass\":"
                + " \"archive\" (to delete them later, add an archive storage class rule with"
                + " \"countType\": \"sinceImageTransitioned\")"),
        problems(
            policy(
                "\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\","
                    + "\"countNumber\":90",
                "\"type\":\"expire\"")));
  }

  @Test
  void schemaProblemsAreAllReported() {
    String json =
        """
        {"rules":[
         {"rulePriority":"1","selection":{"tagStatus":"TAGGED","tagPrefixList":[],
          "countType":"imageCountMoreThan","countNumber":1.5,"foo":true},
          "action":{"type":"expire","targetStorageClass":null}},
         {"selection":{"tagStatus":"any","countType":"imageCountMoreThan"},"action":{}},
         {"rulePriority":3,"description":7,
          "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},
          "action":{"type":"delete"}}],
         "version":2}\
        """;
    assertEquals(
        List.of(
            "The policy has the property \"version\", which ECR does not know: remove it (known:"
                + " rules)",
            "rules[0].selection has the property \"foo\", which ECR does not know: remove it"
                + " (known: tagStatus, tagPatternList, tagPrefixList, storageClass, countType,"
                + " countUnit, countNumber)",
            "rules[0].action.targetStorageClass is null, which ECR rejects: leave the property out"
                + " instead",
            "rules[0].rulePriority must be a whole number (it is \"1\")",
            "rules[0].selection.tagStatus is \"TAGGED\": use one of \"tagged\", \"untagged\","
                + " \"any\" (ECR's values are case-sensitive)",
            "rules[0].selection.tagPrefixList must be a non-empty array of strings (it is [])",
            "rules[0].selection.countNumber must be a whole number (it is 1.5)",
            "rules[1].rulePriority is missing: ECR requires it in every rule",
            "rules[1].selection.countNumber is missing: ECR requires it in every rule",
            "rules[1].action.type is missing: ECR requires it in every rule",
            "rules[2].description must be a string (it is 7)",
            "rules[2].action.type is \"delete\": use one of \"expire\", \"transition\" (ECR's"
                + " values are case-sensitive)"),
        problems(json));
  }

  @Test
  void structureProblems() {
    List<String> syntax = problems("{\"rules\":[");
    assertEquals(1, syntax.size());
    assertTrue(
        syntax
            .get(0)
            .startsWith(
                "The policy is not valid JSON (line 1, column 11): Unexpected end-of-input"),
        syntax.get(0));
    assertEquals(
        List.of("The policy is empty: write a JSON object like {\"rules\": [...]}"), problems(" "));
    assertEquals(
        List.of("The policy must be a JSON object like {\"rules\": [...]} (it is [])"),
        problems("[]"));
    assertEquals(
        List.of("The policy has no \"rules\": add \"rules\": [...] with at least one rule"),
        problems("{}"));
    assertEquals(List.of("rules is empty: add at least one rule"), problems("{\"rules\":[]}"));
    assertEquals(List.of("rules must be an array of rules (it is {})"), problems("{\"rules\":{}}"));
    assertEquals(List.of("rules[0] must be a JSON object (it is 5)"), problems("{\"rules\":[5]}"));
    assertEquals(
        List.of("rules[0].selection is missing: ECR requires it in every rule"),
        problems("{\"rules\":[{\"rulePriority\":1,\"action\":{\"type\":\"expire\"}}]}"));
  }

  @Test
  void duplicateKeysAreRejected() {
    List<String> problems = problems("{\"rules\":[],\"rules\":[]}");
    assertEquals(1, problems.size());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "The policy is not valid JSON (line 1, column 20): Duplicate field 'rules'"),
        problems.get(0));
  }

  @Test
  void readsThePolicyFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lifecycle-policy.json");
    Files.writeString(file, AwsExamples.ALL_IMAGES_B);
    LifecyclePolicyConfig config = new LifecyclePolicyConfig();
    config.setPolicyFile(file.toFile());

    LifecyclePolicy policy = PolicyValidator.validate(config);

    assertEquals("<lifecyclePolicy><policyFile> " + file, policy.source());
    assertEquals(List.of(1, 2, 3), policy.rules().stream().map(LifecycleRule::priority).toList());
    assertEquals("rules[1]", policy.rules().get(1).location().rule());
  }

  @Test
  void namesTheFileInTheException(@TempDir Path dir) {
    LifecyclePolicyConfig config = new LifecyclePolicyConfig();
    File missing = dir.resolve("missing.json").toFile();
    config.setPolicyFile(missing);

    InvalidLifecyclePolicyException e =
        assertThrows(InvalidLifecyclePolicyException.class, () -> PolicyValidator.validate(config));

    assertEquals(
        "Invalid lifecycle policy in <lifecyclePolicy><policyFile> "
            + missing
            + ":\n"
            + "  - The file does not exist: create it, or fix <policyFile> (a relative path starts"
            + " at the project directory)",
        e.getMessage());
  }
}
