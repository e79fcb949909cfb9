package io.github.ecrdeploy.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushInThisBuildTest {
  private static final String GROUP = "io.github.ecrdeploy";
  private static final String ARTIFACT = "ecr-deploy-maven-plugin";

  private static boolean planned(List<String> goals, String... pushPhases) {
    return PushInThisBuild.planned(goals, "ecr-deploy", GROUP, ARTIFACT, Arrays.asList(pushPhases));
  }

  @Test
  void pushOnTheCommandLine() {
    assertTrue(planned(List.of("package", "ecr-deploy:push")));
    assertTrue(planned(List.of("package", GROUP + ":" + ARTIFACT + ":0.1.0:push")));
    assertTrue(planned(List.of("package", GROUP + ":" + ARTIFACT + ":push")));
    assertFalse(planned(List.of("package", "ecr-deploy:build")));
    assertFalse(planned(List.of("package", "jib:push")));
  }

  @Test
  void pushBoundToThePhaseTheBuildReaches() {
    assertTrue(planned(List.of("deploy"), (String) null));
    assertTrue(planned(List.of("clean", "deploy"), "deploy"));
    assertTrue(planned(List.of("install"), "verify"));
    assertFalse(planned(List.of("install"), (String) null));
    assertFalse(planned(List.of("package"), "deploy"));
    assertFalse(planned(List.of("verify")));
    assertFalse(planned(List.of("deploy")));
  }
}
