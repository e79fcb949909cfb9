package io.github.ecrdeploy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ecrdeploy.lifecycle.ImageAction;
import io.github.ecrdeploy.lifecycle.ImageRecord;
import io.github.ecrdeploy.lifecycle.InvalidLifecyclePolicyException;
import io.github.ecrdeploy.lifecycle.LifecyclePolicyConfig;
import io.github.ecrdeploy.lifecycle.LifecycleSimulator;
import io.github.ecrdeploy.lifecycle.PolicyValidator;
import io.github.ecrdeploy.lifecycle.ProtectedImageAtRisk;
import io.github.ecrdeploy.lifecycle.ProtectedTag;
import io.github.ecrdeploy.lifecycle.ProtectedTagGuard;
import io.github.ecrdeploy.lifecycle.Simulation;
import io.github.ecrdeploy.lifecycle.StorageClass;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/**
 * Every lifecycle policy shown in docs/, README.md and src/it, simulated over one scenario
 * repository: releases v1.0.0 … v1.0.9 (each also tagged main-&lt;sha&gt;), newer main builds,
 * {@code prod} and {@code latest} on an old release, {@code prod-previous} on an older one, and
 * untagged images older and newer than the policies' limits. No policy a user may copy expires the
 * {@code prod} or {@code latest} image; the few that an IT or the docs show on purpose to make the
 * guard fire are listed, and the guard's default protected set must catch them.
 */
class DocumentedLifecyclePoliciesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  /** Policies shown to demonstrate the guard or an invalid policy, and why. */
  private static final Map<String, String> ON_PURPOSE =
      Map.of(
          "src/it/lifecycle-guard/pom.xml", "the guard refuses it (the IT asserts the refusal)",
          "src/it/lifecycle-dry-run/pom.xml", "a dry run listing what would expire",
          "docs/lifecycle.md#worked-example", "explains the ownership semantics and the guard");

  /** Policies that ECR would refuse, shown to test the validation. */
  private static final Set<String> INVALID =
      Set.of("src/it/lifecycle-invalid/pom.xml", "src/it/deploy-invalid-lifecycle-policy/pom.xml");

  private static final Pattern POLICY =
      Pattern.compile("<lifecyclePolicy>.*?</lifecyclePolicy>", Pattern.DOTALL);
  private static final Pattern TABLE_RULE =
      Pattern.compile("^\\|\\s*\\d+\\s*\\|\\s*`(<rule>.*</rule>)`\\s*\\|\\s*$");

  static List<ImageRecord> scenario() {
    List<ImageRecord> images = new ArrayList<>();
    for (int n = 0; n <= 9; n++) {
      List<String> tags = new ArrayList<>(List.of("v1.0." + n, "main-" + sha(n)));
      if (n == 2) {
        tags.addAll(List.of("prod", "latest"));
      }
      if (n == 1) {
        tags.add("prod-previous");
      }
      images.add(image("release-" + n, 100 - 9 * n, tags));
    }
    for (int n = 10; n <= 13; n++) {
      images.add(image("main-build-" + n, 13 - n, List.of("main-" + sha(n))));
    }
    images.add(image("untagged-old", 400, List.of()));
    images.add(image("untagged-month", 30, List.of()));
    images.add(image("untagged-new", 1, List.of()));
    return images;
  }

  private static String sha(int n) {
    return String.format("%07x", 0xa1b2c3 + n * 4099);
  }

  private static ImageRecord image(String name, int daysAgo, List<String> tags) {
    return new ImageRecord(
        "sha256:" + name,
        tags,
        NOW.minus(Duration.ofDays(daysAgo)),
        null,
        StorageClass.STANDARD,
        null,
        null);
  }

  @Test
  void noShownPolicyExpiresTheImageProdOrLatestPointsAt() throws Exception {
    Map<String, LifecyclePolicyConfig> policies = policies();
    assertTrue(policies.size() >= 8, "expected the policies of docs/ and src/it, got " + policies);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, LifecyclePolicyConfig> policy : policies.entrySet()) {
      String where = policy.getKey();
      if (INVALID.contains(where)) {
        assertThrows(
            InvalidLifecyclePolicyException.class,
            () -> PolicyValidator.validate(policy.getValue()),
            where);
        continue;
      }
      Simulation simulation =
          LifecycleSimulator.simulate(PolicyValidator.validate(policy.getValue()), scenario(), NOW);
      List<String> servingTags =
          simulation.images().stream()
              .filter(s -> s.action() != ImageAction.NONE)
              .flatMap(s -> s.image().tags().stream())
              .filter(tag -> tag.equals("prod") || tag.equals("latest"))
              .toList();
      List<ProtectedImageAtRisk> caught =
          ProtectedTagGuard.imagesAtRisk(
              simulation,
              ProtectedTag.defaults(
                      List.of(),
                      List.of(),
                      List.of("prod", "latest"),
                      t -> Optional.of(t + "-previous"))
                  .stream()
                  .map(ProtectedTag::tag)
                  .toList());
      if (ON_PURPOSE.containsKey(where)) {
        assertFalse(servingTags.isEmpty(), where + " is listed as expiring prod on purpose");
        assertFalse(caught.isEmpty(), where + ": the default protected set must catch it");
      } else if (!servingTags.isEmpty()) {
        problems.add(where + " expires the image of " + servingTags);
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  @Test
  void theOwnershipTrapIsReal() throws Exception {
    LifecyclePolicyConfig prefixesFirst =
        inject(
            """
            <lifecyclePolicy><rules>
              <rule><tagPrefixes><tagPrefix>v</tagPrefix></tagPrefixes><keepLast>5</keepLast></rule>
              <rule><tagPrefixes><tagPrefix>prod</tagPrefix></tagPrefixes><keepLast>5</keepLast></rule>
            </rules></lifecyclePolicy>
            """);
    Simulation simulation =
        LifecycleSimulator.simulate(PolicyValidator.validate(prefixesFirst), scenario(), NOW);
    assertEquals(
        ImageAction.EXPIRE,
        simulation.images().stream()
            .filter(s -> s.image().tags().contains("prod"))
            .findFirst()
            .orElseThrow()
            .action());
  }

  /** The policies by where they are shown: a POM, a Markdown block or a Markdown table. */
  private static Map<String, LifecyclePolicyConfig> policies() throws Exception {
    Map<String, LifecyclePolicyConfig> policies = new LinkedHashMap<>();
    try (Stream<Path> its = Files.list(ROOT.resolve("src/it"))) {
      for (Path pom : its.map(d -> d.resolve("pom.xml")).filter(Files::isRegularFile).toList()) {
        Matcher m = POLICY.matcher(Files.readString(pom).replaceAll("(?s)<!--.*?-->", ""));
        while (m.find()) {
          LifecyclePolicyConfig policy = inject(m.group());
          if (policy.getPolicyFile() != null) {
            policy.setPolicyFile(
                pom.getParent().resolve(policy.getPolicyFile().getPath()).toFile());
          }
          policies.put(ROOT.relativize(pom).toString(), policy);
        }
      }
    }
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    for (Path page : pages) {
      String name = ROOT.relativize(page).toString();
      List<String> lines = Files.readAllLines(page);
      for (DocsExamples.Block block : DocsExamples.blocks(lines)) {
        String xml = String.join("\n", block.lines()).trim();
        if (!block.language().equals("xml") || !xml.contains("<rule>")) {
          continue;
        }
        Matcher m = POLICY.matcher(xml);
        String policy =
            m.find()
                ? m.group()
                : xml.startsWith("<rules>")
                    ? "<lifecyclePolicy>" + xml + "</lifecyclePolicy>"
                    : "<lifecyclePolicy><rules>" + xml + "</rules></lifecyclePolicy>";
        policies.put(name + ":" + block.line(), inject(policy));
      }
      tables(name, lines, policies);
    }
    return policies;
  }

  /** Rules written as tables ({@code | 1 | `<rule>…</rule>` |}), one policy per table. */
  private static void tables(
      String name, List<String> lines, Map<String, LifecyclePolicyConfig> policies)
      throws Exception {
    String heading = "";
    StringBuilder rules = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("#")) {
        heading = line.replaceAll("^#+\\s*", "").toLowerCase().replaceAll("[^a-z0-9]+", "-");
      }
      Matcher rule = TABLE_RULE.matcher(line);
      if (rule.matches()) {
        rules.append(rule.group(1));
      } else if (rules.length() > 0) {
        policies.put(
            name + "#" + heading,
            inject("<lifecyclePolicy><rules>" + rules + "</rules></lifecyclePolicy>"));
        rules.setLength(0);
      }
    }
  }

  /** Stands in for the Mojo's {@code lifecyclePolicy} parameter. */
  public static class Mojo {
    private LifecyclePolicyConfig lifecyclePolicy;
  }

  private static LifecyclePolicyConfig inject(String xml) throws Exception {
    Mojo mojo = new Mojo();
    ClassWorld world = new ClassWorld("test", Mojo.class.getClassLoader());
    new BasicComponentConfigurator()
        .configureComponent(
            mojo,
            new XmlPlexusConfiguration(
                Xpp3DomBuilder.build(
                    new StringReader("<configuration>" + xml + "</configuration>"))),
            world.getRealm("test"));
    return mojo.lifecyclePolicy;
  }
}
