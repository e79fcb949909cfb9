package io.github.ecrdeploy.image;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an image is made of: the base, the pre-built artifacts and the container
 * configuration. Two equal specs over identical files give the same image digest.
 *
 * @param from the base image
 * @param applicationJar the project's packaged jar
 * @param dependencies runtime dependency jars, in classpath order
 * @param extraDirectories directories copied into the image root, one layer each
 * @param mainClass the class to run (used when {@code entrypoint} is empty)
 * @param jvmFlags flags before the main class
 * @param args program arguments (the image's CMD)
 * @param entrypoint replaces the generated java entrypoint when not empty
 * @param environment environment variables
 * @param ports exposed ports, {@code 8080} or {@code 8080/udp}
 * @param labels image labels
 * @param user the user to run as, or null for the base image's
 * @param workingDirectory absolute path, or null for the base image's
 * @param appRoot absolute directory the application is copied into
 * @param creationTime image creation time (also the OCI {@code created} label)
 * @param version the project version (the OCI {@code version} label)
 * @param unpackDirectory where a layered Spring Boot jar is extracted (a directory of its own under
 *     the build output)
 */
public record ContainerSpec(
    BaseImage from,
    Path applicationJar,
    List<DependencyJar> dependencies,
    List<Path> extraDirectories,
    String mainClass,
    List<String> jvmFlags,
    List<String> args,
    List<String> entrypoint,
    Map<String, String> environment,
    List<String> ports,
    Map<String, String> labels,
    String user,
    String workingDirectory,
    String appRoot,
    Instant creationTime,
    String version,
    Path unpackDirectory) {

  public ContainerSpec {
    Objects.requireNonNull(unpackDirectory, "unpackDirectory");
    dependencies = List.copyOf(dependencies);
    extraDirectories = List.copyOf(extraDirectories);
    jvmFlags = List.copyOf(jvmFlags);
    args = List.copyOf(args);
    entrypoint = List.copyOf(entrypoint);
    environment = Map.copyOf(environment);
    ports = List.copyOf(ports);
    labels = Map.copyOf(labels);
  }

  /** The same spec on another base image. */
  public ContainerSpec withFrom(BaseImage base) {
    return new ContainerSpec(
        base,
        applicationJar,
        dependencies,
        extraDirectories,
        mainClass,
        jvmFlags,
        args,
        entrypoint,
        environment,
        ports,
        labels,
        user,
        workingDirectory,
        appRoot,
        creationTime,
        version,
        unpackDirectory);
  }
}
