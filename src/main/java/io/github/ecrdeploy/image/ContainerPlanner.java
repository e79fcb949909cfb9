package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link ContainerSpec} into a Jib build plan; the same spec always yields the same plan.
 */
public final class ContainerPlanner {
  static final String LABEL_VERSION = "org.opencontainers.image.version";
  static final String LABEL_CREATED = "org.opencontainers.image.created";

  private ContainerPlanner() {}

  /**
   * Validates {@code spec} and returns a Jib builder for it. Nothing touches the network here.
   *
   * @param credentials where registry credentials for a registry base image come from
   */
  public static JibContainerBuilder plan(ContainerSpec spec, BaseImage.Credentials credentials)
      throws ImageBuildException {
    return planWithLayers(spec, credentials).jib();
  }

  /**
   * A Jib build plan and the project layers in it, planned once.
   *
   * @param spec what was planned
   * @param entrypoint the container's entrypoint
   * @param layeredBoot whether the application is a layered Spring Boot jar
   */
  record Plan(
      JibContainerBuilder jib,
      List<PlannedLayer> layers,
      ContainerSpec spec,
      BaseImage.Credentials credentials,
      List<String> entrypoint,
      boolean layeredBoot) {

    /**
     * This plan on {@code from} (such as the base pinned to its digest), layers not planned again.
     */
    Plan withFrom(BaseImage from) throws ImageBuildException {
      if (from.equals(spec.from())) {
        return this;
      }
      return of(spec.withFrom(from), credentials, layers, entrypoint, layeredBoot);
    }

    private static Plan of(
        ContainerSpec spec,
        BaseImage.Credentials credentials,
        List<PlannedLayer> layers,
        List<String> entrypoint,
        boolean layeredBoot)
        throws ImageBuildException {
      return new Plan(
          builder(spec, credentials, layers, entrypoint, layeredBoot),
          layers,
          spec,
          credentials,
          entrypoint,
          layeredBoot);
    }
  }

  /**
   * Like {@link #plan}, also returning the project layers (bottom-up) so callers need not plan them
   * again.
   */
  static Plan planWithLayers(ContainerSpec spec, BaseImage.Credentials credentials)
      throws ImageBuildException {
    Optional<SpringBootJar> boot = SpringBootJar.read(spec.applicationJar());
    List<String> entrypoint = spec.entrypoint();
    if (entrypoint.isEmpty()) {
      if (spec.mainClass() == null || spec.mainClass().isBlank()) {
        throw new ImageBuildException(
            "No main class: set <mainClass> (ecr.mainClass), or a Main-Class entry in the jar"
                + " manifest (maven-jar-plugin <archive><manifest><mainClass>), or an"
                + " <entrypoint>");
      }
      if (boot.isPresent()) {
        boot.get().checkLauncher(spec.mainClass());
      }
      entrypoint = LayerPlanner.javaEntrypoint(spec, boot);
    }
    List<PlannedLayer> layers = LayerPlanner.plan(spec, boot);
    return Plan.of(spec, credentials, layers, entrypoint, boot.isPresent() && boot.get().layered());
  }

  private static JibContainerBuilder builder(
      ContainerSpec spec,
      BaseImage.Credentials credentials,
      List<PlannedLayer> layers,
      List<String> entrypoint,
      boolean layeredBoot)
      throws ImageBuildException {
    JibContainerBuilder builder = base(spec.from(), credentials);
    spec.from().platform().ifPresent(platform -> builder.setPlatforms(Set.of(platform.jib())));
    builder
        .setFileEntriesLayers(layers.stream().map(PlannedLayer::layer).toList())
        .setEntrypoint(entrypoint)
        .setEnvironment(spec.environment())
        .setExposedPorts(ports(spec.ports()))
        .setLabels(labels(spec))
        .setCreationTime(spec.creationTime())
        .setFormat(ImageFormat.OCI);
    if (!spec.args().isEmpty()) {
      builder.setProgramArguments(spec.args());
    }
    if (spec.user() != null && !spec.user().isBlank()) {
      builder.setUser(spec.user());
    }
    if (spec.workingDirectory() != null && !spec.workingDirectory().isBlank()) {
      if (!spec.workingDirectory().startsWith("/")) {
        throw new ImageBuildException(
            "<workingDirectory> '"
                + spec.workingDirectory()
                + "' must be an absolute Unix path such as /app");
      }
      builder.setWorkingDirectory(AbsoluteUnixPath.get(spec.workingDirectory()));
    } else if (layeredBoot) {
      // Spring Boot's documented layout runs the launcher from the extracted directory.
      builder.setWorkingDirectory(LayerPlanner.appRoot(spec.appRoot()));
    }
    return builder;
  }

  private static JibContainerBuilder base(BaseImage from, BaseImage.Credentials credentials) {
    if (from.tarFile().isPresent()) {
      return Jib.from(TarImage.at(from.tarFile().get()));
    }
    RegistryImage image = RegistryImage.named(from.registryReference().orElseThrow());
    String host = from.registryHost().orElseThrow();
    image.addCredentialRetriever(
        () -> {
          try {
            return credentials.forRegistry(host);
          } catch (ImageBuildException e) {
            throw new CredentialRetrievalException(e);
          }
        });
    return Jib.from(image);
  }

  private static Map<String, String> labels(ContainerSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (spec.version() != null) {
      labels.put(LABEL_VERSION, spec.version());
    }
    labels.put(LABEL_CREATED, spec.creationTime().toString());
    labels.putAll(spec.labels());
    return labels;
  }

  static Set<Port> ports(List<String> ports) throws ImageBuildException {
    Set<Port> result = new HashSet<>();
    List<String> bad = new ArrayList<>();
    for (String text : ports) {
      String[] parts = text.trim().split("/", 2);
      try {
        int number = Integer.parseInt(parts[0]);
        if (number < 1 || number > 65535) {
          throw new NumberFormatException();
        }
        String protocol = parts.length == 2 ? parts[1].toLowerCase(java.util.Locale.ROOT) : "tcp";
        switch (protocol) {
          case "tcp" -> result.add(Port.tcp(number));
          case "udp" -> result.add(Port.udp(number));
          default -> bad.add(text);
        }
      } catch (NumberFormatException e) {
        bad.add(text);
      }
    }
    if (!bad.isEmpty()) {
      throw new ImageBuildException(
          "<ports><port> "
              + bad
              + " not understood: use a number 1-65535, optionally with /tcp or /udp");
    }
    return result;
  }
}
