package io.github.ecrdeploy.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtectedTagTest {

  @Test
  void theDefaultSetNamesEveryReasonOncePerTag() {
    assertEquals(
        List.of(
            new ProtectedTag("prod", "<lifecyclePolicy><protectedTags>; <health><promoteTags>"),
            new ProtectedTag("1.4.0", "pushed by this build"),
            new ProtectedTag("latest", "<health><promoteTags>"),
            new ProtectedTag("prod-previous", "previous image of prod (roll-back target)"),
            new ProtectedTag("latest-previous", "previous image of latest (roll-back target)")),
        ProtectedTag.defaults(
            List.of("prod"),
            List.of("1.4.0"),
            List.of("prod", "latest"),
            tag -> Optional.of(tag + "-previous")));
  }

  @Test
  void withoutHistoryNoPreviousTags() {
    assertEquals(
        List.of(new ProtectedTag("latest", "<health><promoteTags>")),
        ProtectedTag.defaults(List.of(), List.of(), List.of("latest"), tag -> Optional.empty()));
  }
}
