package io.github.ecrdeploy.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the policy a repository has with the one declared, as parsed JSON: ECR returns the
 * stored policy minified and may reorder its rules, so whitespace, property order and rule order do
 * not count; rules are matched by {@code rulePriority}. Everything else counts literally, e.g. an
 * explicit {@code "storageClass": "standard"} against none, or the order of a tag list.
 */
public final class PolicyDiff {

  private final List<String> changes;

  private PolicyDiff(List<String> changes) {
    this.changes = List.copyOf(changes);
  }

  /**
   * The differences between two policy texts.
   *
   * @param current the repository's policy text ({@code GetLifecyclePolicy}), or {@code null} if it
   *     has none
   * @param desired the declared policy as rendered by {@link PolicyJson#render}
   */
  public static PolicyDiff between(String current, String desired) {
    JsonNode want =
        parse(desired)
            .orElseThrow(() -> new IllegalArgumentException("Not a JSON policy: " + desired));
    if (current == null) {
      return new PolicyDiff(List.of("The repository has no lifecycle policy yet"));
    }
    Optional<JsonNode> have = parse(current);
    if (have.isEmpty()) {
      return new PolicyDiff(List.of("The repository's lifecycle policy is not JSON: " + current));
    }
    List<String> changes = new ArrayList<>();
    Optional<Map<Integer, JsonNode>> haveRules = rulesByPriority(have.get());
    Optional<Map<Integer, JsonNode>> wantRules = rulesByPriority(want);
    if (haveRules.isPresent() && wantRules.isPresent()) {
      compareRules(haveRules.get(), wantRules.get(), changes);
    } else {
      compare("policy", "", have.get(), want, changes);
    }
    return new PolicyDiff(changes);
  }

  /** Whether the repository already has the declared policy. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * What would change, one line per difference, e.g. {@code rule 2: selection.countNumber 5 -> 10}.
   */
  public List<String> changes() {
    return changes;
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      return Optional.ofNullable(PolicyJson.MAPPER.readTree(text))
          .filter(node -> !node.isMissingNode());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * The rules by priority, unless the policy is anything but {@code rules} with distinct integer
   * priorities.
   */
  private static Optional<Map<Integer, JsonNode>> rulesByPriority(JsonNode policy) {
    JsonNode rules = policy.get(JsonRuleLocation.RULES);
    if (policy.size() != 1 || rules == null || !rules.isArray()) {
      return Optional.empty();
    }
    Map<Integer, JsonNode> byPriority = new TreeMap<>();
    for (JsonNode rule : rules) {
      JsonNode priority = rule.get(RuleField.PRIORITY.jsonName());
      if (priority == null
          || !priority.isIntegralNumber()
          || byPriority.put(priority.intValue(), rule) != null) {
        return Optional.empty();
      }
    }
    return Optional.of(byPriority);
  }

  private static void compareRules(
      Map<Integer, JsonNode> have, Map<Integer, JsonNode> want, List<String> changes) {
    Set<Integer> priorities = new TreeSet<>(have.keySet());
    priorities.addAll(want.keySet());
    for (int priority : priorities) {
      String label = "rule " + priority;
      if (!have.containsKey(priority)) {
        changes.add(label + " added: " + want.get(priority));
      } else if (!want.containsKey(priority)) {
        changes.add(label + " removed: " + have.get(priority));
      } else {
        compare(label, "", have.get(priority), want.get(priority), changes);
      }
    }
  }

  /** Compares objects property by property, in any order; anything else as a whole value. */
  private static void compare(
      String label, String path, JsonNode before, JsonNode after, List<String> changes) {
    if (before.isObject() && after.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      before.fieldNames().forEachRemaining(names::add);
      after.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = path.isEmpty() ? name : path + '.' + name;
        if (!before.has(name)) {
          changes.add(label + ": " + child + " added: " + after.get(name));
        } else if (!after.has(name)) {
          changes.add(label + ": " + child + " removed: " + before.get(name));
        } else {
          compare(label, child, before.get(name), after.get(name), changes);
        }
      }
    } else if (!before.equals(after)) {
      changes.add(label + ": " + (path.isEmpty() ? "" : path + ' ') + before + " -> " + after);
    }
  }
}
