package io.github.ecrdeploy.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyJsonTest {

  private static LifecycleRule rule(
      int priority,
      String description,
      StorageClass storageClass,
      String countUnit,
      ActionType action,
      StorageClass target) {
    return new LifecycleRule(
        priority,
        description,
        TagStatus.ANY,
        null,
        null,
        storageClass,
        CountType.SINCE_IMAGE_PUSHED,
        countUnit,
        30,
        action,
        target,
        new JsonRuleLocation(priority - 1));
  }

  @Test
  void leavesAbsentFieldsOutInsteadOfWritingNull() {
    String json =
        PolicyJson.render(
            new LifecyclePolicy(
                "test", List.of(rule(1, null, null, "days", ActionType.EXPIRE, null))));

    assertEquals(
        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":"
            + "\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}}]}",
        json);
    assertFalse(json.contains("null"), json);
  }

  @Test
  void writesEveryFieldInTemplateOrderAndRulesByPriority() {
    LifecycleRule tagged =
        new LifecycleRule(
            1,
            "Release \"v\" images",
            TagStatus.TAGGED,
            List.of("v*", "*-rc"),
            null,
            StorageClass.STANDARD,
            CountType.IMAGE_COUNT_MORE_THAN,
            null,
            5,
            ActionType.TRANSITION,
            StorageClass.ARCHIVE,
            new JsonRuleLocation(1));
    LifecycleRule archived =
        new LifecycleRule(
            2,
            null,
            TagStatus.TAGGED,
            null,
            List.of("v"),
            StorageClass.ARCHIVE,
            CountType.SINCE_IMAGE_TRANSITIONED,
            "days",
            90,
            ActionType.EXPIRE,
            null,
            new JsonRuleLocation(0));

    String json = PolicyJson.render(new LifecyclePolicy("test", List.of(archived, tagged)));

    assertEquals(
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"Release \\\"v\\\""
            + " images\",\"selection\":{\"tagStatus\":\"tagged\","
            + "\"tagPatternList\":[\"v*\",\"*-rc\"],\"storageClass\":\"standard\",\"countType\":\"imageCountMoreThan\","
            + "\"countNumber\":5},\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},"
            + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],"
            + "\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\","
            + "\"countNumber\":90},\"action\":{\"type\":\"expire\"}}]}",
        json);
  }
}
