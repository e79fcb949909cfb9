package io.github.ecrdeploy.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

  private static final String DESIRED =
      "{\"rules\":["
          + "{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],"
          + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},\"action\":{\"type\":\"expire\"}},"
          + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\","
          + "\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}";

  @Test
  void ignoresWhitespacePropertyOrderAndRuleOrder() {
    String current =
        """
        {
          "rules": [
            { "action": { "type": "expire" },
              "selection": { "countNumber": 30, "countUnit": "days",
                             "countType": "sinceImagePushed", "tagStatus": "any" },
              "rulePriority": 2 },
            { "rulePriority": 1,
              "selection": { "tagStatus": "tagged", "tagPrefixList": [ "v" ], "countType": "imageCountMoreThan",
                             "countNumber": 5 },
              "action": { "type": "expire" } }
          ]
        }
        """;
    PolicyDiff diff = PolicyDiff.between(current, DESIRED);
    assertTrue(diff.isEmpty(), diff.changes().toString());
  }

  @Test
  void describesEachDifferenceByRulePriorityAndPath() {
    String current =
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"old\","
            + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\","
            + "\"w\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":10},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":3,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\","
            + "\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}";

    PolicyDiff diff = PolicyDiff.between(current, DESIRED);

    assertEquals(
        List.of(
            "rule 1: description removed: \"old\"",
            "rule 1: selection.tagPrefixList [\"v\",\"w\"] -> [\"v\"]",
            "rule 1: selection.countNumber 10 -> 5",
            "rule 2 added:"
                + " {\"rulePriority\":2,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\","
                + "\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}}",
            "rule 3 removed:"
                + " {\"rulePriority\":3,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}"),
        diff.changes());
  }

  @Test
  void anExplicitDefaultStillCounts() {
    String current =
        DESIRED.replace(
            "\"tagStatus\":\"any\",", "\"tagStatus\":\"any\",\"storageClass\":\"standard\",");
    assertEquals(
        List.of("rule 2: selection.storageClass removed: \"standard\""),
        PolicyDiff.between(current, DESIRED).changes());
  }

  @Test
  void noPolicyYetOrUnreadablePolicyIsAChange() {
    assertEquals(
        List.of("The repository has no lifecycle policy yet"),
        PolicyDiff.between(null, DESIRED).changes());
    assertEquals(
        List.of("The repository's lifecycle policy is not JSON: {rules"),
        PolicyDiff.between("{rules", DESIRED).changes());
  }

  @Test
  void comparesOddPoliciesAsWholeTrees() {
    String current = "{\"rules\":[{\"selection\":{}}]}";
    assertEquals(
        List.of(
            "policy: rules [{\"selection\":{}}] -> " + DESIRED.substring(9, DESIRED.length() - 1)),
        PolicyDiff.between(current, DESIRED).changes());
  }
}
