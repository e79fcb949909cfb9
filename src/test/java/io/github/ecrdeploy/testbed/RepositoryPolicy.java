package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository policy (ECR's {@code SetRepositoryPolicy} text): which other accounts may run which
 * {@code ecr:} actions on the repository. Only what cross-account access needs is modelled: {@code
 * Allow} and {@code Deny} statements whose {@code Principal} is {@code "*"} or {@code {"AWS": …}}
 * naming account ids or IAM ARNs ({@code arn:aws:iam::ACCOUNT:root}, {@code …:role/NAME}, {@code
 * …:user/NAME}: the account counts, the emulator's callers have no role), and whose {@code Action}
 * lists {@code ecr:} actions with {@code *} wildcards. An explicit Deny wins
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html, "Allow
 * another account";
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 */
final class RepositoryPolicy {

  private static final Pattern ACCOUNT_PRINCIPAL =
      Pattern.compile("(?:arn:aws[a-z-]*:iam::)?([0-9]{12})(?::.*)?");

  private record Statement(boolean allow, List<String> accounts, List<String> actions) {
    boolean matches(String account, String action) {
      return (accounts.contains("*") || accounts.contains(account))
          && actions.stream()
              .anyMatch(
                  pattern ->
                      Wildcard.matches(
                          pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT)));
    }
  }

  private final String text;
  private final List<Statement> statements;

  private RepositoryPolicy(String text, List<Statement> statements) {
    this.text = text;
    this.statements = statements;
  }

  /**
   * Parses a policy, refusing what ECR refuses as {@code InvalidParameterException} ("Invalid
   * repository policy provided").
   */
  static RepositoryPolicy parse(String text) {
    JsonNode root;
    try {
      root = WireJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw invalid("the policy is not JSON");
    }
    JsonNode list = root.path("Statement");
    if (!list.isArray() || list.isEmpty()) {
      throw invalid("Statement must be a non-empty list");
    }
    List<Statement> statements = new ArrayList<>();
    for (JsonNode statement : list) {
      String effect = statement.path("Effect").asText();
      if (!effect.equals("Allow") && !effect.equals("Deny")) {
        throw invalid("Effect must be Allow or Deny");
      }
      statements.add(
          new Statement(
              effect.equals("Allow"),
              accounts(statement.path("Principal")),
              strings(statement.path("Action"), "Action")));
    }
    return new RepositoryPolicy(text, statements);
  }

  /** Whether {@code account} may run {@code action} (e.g. {@code ecr:PutImage}). */
  boolean allows(String account, String action) {
    boolean allowed = false;
    for (Statement statement : statements) {
      if (statement.matches(account, action)) {
        if (!statement.allow()) {
          return false;
        }
        allowed = true;
      }
    }
    return allowed;
  }

  /** The policy text as it was set. */
  String text() {
    return text;
  }

  private static List<String> accounts(JsonNode principal) {
    if (principal.isTextual() && principal.asText().equals("*")) {
      return List.of("*");
    }
    List<String> accounts = new ArrayList<>();
    for (String value : strings(principal.path("AWS"), "Principal.AWS")) {
      Matcher account = ACCOUNT_PRINCIPAL.matcher(value);
      if (value.equals("*")) {
        accounts.add("*");
      } else if (account.matches()) {
        accounts.add(account.group(1));
      } else {
        throw invalid("Invalid principal " + value);
      }
    }
    return accounts;
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    if (node.isTextual()) {
      values.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    }
    if (values.isEmpty()) {
      throw invalid(field + " is required");
    }
    return values;
  }

  private static EcrServiceError invalid(String detail) {
    return EcrServiceError.invalidParameter(
        "PolicyText", "Invalid repository policy provided (" + detail + ")");
  }
}
