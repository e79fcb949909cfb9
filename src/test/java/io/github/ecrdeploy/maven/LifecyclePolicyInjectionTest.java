package io.github.ecrdeploy.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecrdeploy.lifecycle.LifecyclePolicy;
import io.github.ecrdeploy.lifecycle.LifecyclePolicyConfig;
import io.github.ecrdeploy.lifecycle.PolicyJson;
import io.github.ecrdeploy.lifecycle.PolicyValidator;
import io.github.ecrdeploy.lifecycle.RuleConfig;
import java.io.File;
import java.io.StringReader;
import java.util.List;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/** The {@code <lifecyclePolicy>} beans as Maven's own configurator fills them from POM XML. */
class LifecyclePolicyInjectionTest {

  /** Stands in for the Mojo's {@code lifecyclePolicy} parameter. */
  public static class Mojo {
    private LifecyclePolicyConfig lifecyclePolicy;
  }

  private static LifecyclePolicyConfig inject(String xml) throws Exception {
    Mojo mojo = new Mojo();
    ClassWorld world = new ClassWorld("test", LifecyclePolicyInjectionTest.class.getClassLoader());
    new BasicComponentConfigurator()
        .configureComponent(
            mojo,
            new XmlPlexusConfiguration(
                Xpp3DomBuilder.build(
                    new StringReader("<configuration>" + xml + "</configuration>"))),
            world.getRealm("test"));
    return mojo.lifecyclePolicy;
  }

  @Test
  void injectsTheIssueExample() throws Exception {
    LifecyclePolicyConfig config =
        inject(
            """
            <lifecyclePolicy>
              <rules>
                <rule>
                  <priority>1</priority>
                  <description>Keep the last 5 release images</description>
                  <tagStatus>tagged</tagStatus>
                  <tagPatterns><tagPattern>release-*</tagPattern><tagPattern>*-final</tagPattern></tagPatterns>
                  <keepLast>5</keepLast>
                  <action>expire</action>
                </rule>
                <rule>
                  <tagPrefixes><tagPrefix>v</tagPrefix></tagPrefixes>
                  <storageClass>standard</storageClass>
                  <notPulledForDays>90</notPulledForDays>
                  <action>archive</action>
                </rule>
                <rule>
                  <archivedForDays>365</archivedForDays>
                </rule>
                <rule>
                  <tagStatus>untagged</tagStatus>
                  <olderThanDays>14</olderThanDays>
                </rule>
              </rules>
              <protectedTags><tag>latest</tag><tag>prod</tag></protectedTags>
              <failOnWarning>true</failOnWarning>
            </lifecyclePolicy>\
            """);

    RuleConfig first = config.getRules().get(0);
    assertEquals(4, config.getRules().size());
    assertEquals(1, first.getPriority());
    assertEquals(List.of("release-*", "*-final"), first.getTagPatterns());
    assertEquals(List.of("v"), config.getRules().get(1).getTagPrefixes());
    assertEquals(90, config.getRules().get(1).getNotPulledForDays());
    assertEquals(365, config.getRules().get(2).getArchivedForDays());
    assertEquals(List.of("latest", "prod"), config.getProtectedTags());
    assertEquals(true, config.isFailOnWarning());

    LifecyclePolicy policy = PolicyValidator.validate(config);
    assertEquals(
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"Keep the last 5 release"
            + " images\",\"selection\":{"
            + "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"release-*\",\"*-final\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],"
            + "\"storageClass\":\"standard\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\","
            + "\"countNumber\":90},\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},"
            + "{\"rulePriority\":4,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
            + "\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}},"
            + "{\"rulePriority\":5,\"selection\":{\"tagStatus\":\"any\",\"storageClass\":\"archive\","
            + "\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":365},"
            + "\"action\":{\"type\":\"expire\"}}]}",
        PolicyJson.render(policy));
  }

  @Test
  void injectsThePolicyFile() throws Exception {
    LifecyclePolicyConfig config =
        inject(
            "<lifecyclePolicy><policyFile>src/main/ecr/lifecycle-policy.json</policyFile></lifecyclePolicy>");
    assertEquals(new File("src/main/ecr/lifecycle-policy.json"), config.getPolicyFile());
  }
}
