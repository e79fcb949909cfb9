package io.github.ecrdeploy.lifecycle;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enumerated value of the lifecycle policy JSON, spelled as ECR expects it (lower camel case).
 */
interface PolicyValue {

  /** The value as written in the policy JSON, e.g. {@code tagged}. */
  String json();

  /** The constant whose JSON spelling is {@code text}, compared exactly as ECR does. */
  static <E extends Enum<E> & PolicyValue> Optional<E> fromJson(Class<E> type, String text) {
    return Arrays.stream(type.getEnumConstants())
        .filter(value -> value.json().equals(text))
        .findFirst();
  }

  /**
   * The constant whose JSON spelling is {@code text}, ignoring case and surrounding blanks (POM
   * values).
   */
  static <E extends Enum<E> & PolicyValue> Optional<E> fromPom(Class<E> type, String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants())
        .filter(value -> value.json().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  /** All JSON spellings, quoted for a policy file message: {@code "tagged", "untagged", "any"}. */
  static <E extends Enum<E> & PolicyValue> String quotedChoices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(value -> '"' + value.json() + '"')
        .collect(Collectors.joining(", "));
  }
}
