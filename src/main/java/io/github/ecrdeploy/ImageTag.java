package io.github.ecrdeploy;

import java.util.regex.Pattern;

/** The rule for image tags (OCI distribution spec): what push and promotion accept as a tag. */
public final class ImageTag {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** The rule in words, for messages. */
  public static final String RULE =
      "letters, digits, _ . -, at most 128 characters, not starting with . or -";

  private ImageTag() {}

  public static boolean isValid(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }
}
