package io.github.ecrdeploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Recognisable secrets for tests, and the check that a text does not contain them: neither plain
 * nor base64-encoded (at any byte alignment, so also inside {@code base64("AWS:" + password)} as in
 * registry tokens and basic auth).
 */
public final class Secrets {
  /** The AWS secret access key the tests use. */
  public static final String AWS_SECRET_KEY = "sentinel-aws-secret-key-never-logged";

  /** The registry password the tests use (ECR hands it out as the token). */
  public static final String REGISTRY_PASSWORD = "sentinel-registry-password-never-logged";

  private Secrets() {}

  /**
   * The forms in which {@code secret} is recognisable: itself, and the stable middle of its base64
   * encodings.
   */
  public static List<String> forms(String secret) {
    List<String> forms = new ArrayList<>();
    forms.add(secret);
    for (int offset = 0; offset < 3; offset++) {
      String encoded =
          Base64.getEncoder()
              .encodeToString(("x".repeat(offset) + secret).getBytes(StandardCharsets.UTF_8));
      // Skip the group that mixes in the prefix, and the last group, which depends on what follows.
      forms.add(encoded.substring(offset == 0 ? 0 : 4, encoded.length() - 4));
    }
    return forms;
  }

  /** Fails naming {@code where} when {@code text} contains either secret in any of its forms. */
  public static void assertAbsent(String where, String text) {
    for (String secret : List.of(AWS_SECRET_KEY, REGISTRY_PASSWORD)) {
      for (String form : forms(secret)) {
        if (text != null && text.contains(form)) {
          fail(
              where
                  + " contains a secret ("
                  + (form.equals(secret) ? "plain" : "base64")
                  + "): "
                  + text);
        }
      }
    }
  }

  /**
   * Fails when the message or string form of {@code failure} or any of its causes contains a
   * secret.
   */
  public static void assertAbsent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertAbsent("exception " + t.getClass().getName(), t.getMessage());
      assertAbsent("exception " + t.getClass().getName(), t.toString());
      for (Throwable suppressed : t.getSuppressed()) {
        assertAbsent(suppressed);
      }
    }
  }
}
