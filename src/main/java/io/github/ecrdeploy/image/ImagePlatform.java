package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of {@code <platforms>}: {@code os/architecture[/variant]}, e.g. {@code linux/amd64} or
 * {@code linux/arm64/v8}, as OCI image indexes name platforms.
 *
 * @param variant null when not given
 */
public record ImagePlatform(String os, String architecture, String variant) {
  private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  /**
   * Parses {@code text}; {@code element} names the POM element in the message, e.g. {@code
   * <platforms><platform>[2]}.
   */
  public static ImagePlatform parse(String text, String element) throws ImageBuildException {
    String value = text == null ? "" : text.trim();
    String[] parts = value.split("/", -1);
    if (value.isEmpty() || parts.length < 2 || parts.length > 3) {
      throw new ImageBuildException(
          element
              + " '"
              + value
              + "' is not a platform: write os/architecture[/variant], e.g. linux/amd64 or"
              + " linux/arm64");
    }
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw new ImageBuildException(
            element
                + " '"
                + value
                + "': '"
                + part
                + "' is not a valid os, architecture or variant (lower-case letters, digits, '.',"
                + " '_', '-'), e.g. linux/amd64 or linux/arm64/v8");
      }
    }
    return new ImagePlatform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * The platform of the machine running the build, as Java reports it ({@code os.name}, {@code
   * os.arch}), in OCI terms.
   */
  public static ImagePlatform ofThisMachine() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String architecture =
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          default -> arch;
        };
    String os =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
            ? "windows"
            : "linux";
    return new ImagePlatform(os, architecture, null);
  }

  /** {@code os/architecture[/variant]}. */
  public String text() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }

  /** {@code os-architecture[-variant]}, for file names. */
  public String fileName() {
    return text().replace('/', '-');
  }

  /** Whether os and architecture equal {@code other}'s (the variant is not compared). */
  boolean sameOsAndArchitecture(ImagePlatform other) {
    return os.equals(other.os) && architecture.equals(other.architecture);
  }

  /** Jib's platform (Jib selects base images by architecture and os only). */
  Platform jib() {
    return new Platform(architecture, os);
  }

  @Override
  public String toString() {
    return text();
  }
}
