package io.github.ecrdeploy.maven;

import com.google.cloud.tools.jib.api.Credential;
import io.github.ecrdeploy.ecr.EcrBaseImageLogin;
import io.github.ecrdeploy.ecr.EcrConnection;
import io.github.ecrdeploy.ecr.EcrDeployException;
import io.github.ecrdeploy.ecr.JvmProxyProperties;
import io.github.ecrdeploy.ecr.RegistryLogin;
import io.github.ecrdeploy.image.BaseImage;
import io.github.ecrdeploy.image.ContainerSpec;
import io.github.ecrdeploy.image.CreationTime;
import io.github.ecrdeploy.image.DependencyJar;
import io.github.ecrdeploy.image.ImageBuildException;
import io.github.ecrdeploy.image.ImagePlatform;
import io.github.ecrdeploy.image.JarManifest;
import io.github.ecrdeploy.image.LayerKind;
import io.github.ecrdeploy.image.PlatformList;
import io.github.ecrdeploy.image.SpringBootJar;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;

/**
 * The container configuration, shared by {@code build} (which writes the image archive) and {@code
 * push} (which pushes the same image to ECR): both derive the image from the same parameters, so
 * the digests agree.
 */
public abstract class AbstractImageMojo extends AbstractRepositoryMojo {
  /** Where a layered Spring Boot jar is extracted, below {@code outputDirectory}. */
  static final String SPRING_BOOT_DIRECTORY = "spring-boot";

  /**
   * Allows plain HTTP and unverified certificates for registries, with a warning. Only for
   * registries you trust; credentials are never sent over plain HTTP except to loopback.
   */
  @Parameter(property = "ecr.allowInsecureRegistries", defaultValue = "false")
  protected boolean allowInsecureRegistries;

  /**
   * The base image: a registry reference ({@code registry://} optional) or {@code tar://path} (a
   * {@code docker save} or OCI archive, relative to the project). Default {@code
   * eclipse-temurin:<release>-jre}, the release from {@code maven.compiler.release} rounded up to
   * an LTS.
   */
  @Parameter(property = "ecr.from")
  protected String from;

  /**
   * The class to run; default: the packaged jar's {@code Main-Class}. Without either (and no
   * entrypoint) the build fails.
   */
  @Parameter(property = "ecr.mainClass")
  protected String mainClass;

  /** JVM flags placed before the main class; comma-separated with {@code -Decr.jvmFlags}. */
  @Parameter(property = "ecr.jvmFlags")
  protected List<String> jvmFlags = new ArrayList<>();

  /** Program arguments (the image's CMD). */
  @Parameter(property = "ecr.args")
  protected List<String> args = new ArrayList<>();

  /** Replaces the generated {@code java ... mainClass} entrypoint. */
  @Parameter(property = "ecr.entrypoint")
  protected List<String> entrypoint = new ArrayList<>();

  /** Environment variables; also {@code -Decr.environment=K=V,K2=V2}. */
  @Parameter protected Map<String, String> environment;

  /** Exposed ports: {@code 8080}, {@code 8080/tcp} or {@code 53/udp}. */
  @Parameter(property = "ecr.ports")
  protected List<String> ports = new ArrayList<>();

  /**
   * Image labels (the OCI version and created labels are added); also {@code -Decr.labels=K=V,...}.
   */
  @Parameter protected Map<String, String> labels;

  /** The user to run as; default: the base image's. */
  @Parameter(property = "ecr.user")
  protected String user;

  /** The working directory (absolute); default: the base image's. */
  @Parameter(property = "ecr.workingDirectory")
  protected String workingDirectory;

  /** Where the application goes in the image. */
  @Parameter(property = "ecr.appRoot", defaultValue = "/app")
  protected String appRoot;

  /** Directories copied into the image root, one layer each; executable files keep mode 755. */
  @Parameter(property = "ecr.extraDirectories")
  protected List<File> extraDirectories = new ArrayList<>();

  /** Cache of base image layers, shared by all projects of the user. */
  @Parameter(
      property = "ecr.baseImageCache",
      defaultValue = "${user.home}/.cache/ecr-deploy/base-layers")
  protected File baseImageCache;

  /**
   * Log in to the base image registry through ECR even when its host does not look like ECR (VPC
   * endpoint aliases); hosts named {@code <account>.dkr.ecr.<region>.amazonaws.com} always are.
   */
  @Parameter(property = "ecr.baseImageFromEcr", defaultValue = "false")
  protected boolean baseImageFromEcr;

  /**
   * Builds one image per platform, {@code os/architecture[/variant]} (e.g. {@code linux/amd64},
   * {@code linux/arm64}), from a multi-platform base image, and pushes an OCI image index over
   * them; {@code image.json} and {@code push.json} list the index digest and each platform's
   * digest, and {@code <maxImageSize>} applies to each platform. Comma-separated with {@code
   * -Decr.platforms}. Empty (the default): one image for the base image's platform, no index. See
   * docs/recipes/multi-platform.md.
   */
  @Parameter(property = "ecr.platforms")
  protected List<String> platforms = new ArrayList<>();

  @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
  protected String outputTimestamp;

  /** The validated {@code <platforms>}; empty when none are configured. */
  protected List<ImagePlatform> imagePlatforms() throws MojoExecutionException {
    try {
      return PlatformList.parse(platforms);
    } catch (ImageBuildException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /**
   * Collects the pre-built inputs and the configuration; fails when the jar is missing or there is
   * no main class.
   */
  protected ContainerSpec containerSpec() throws MojoExecutionException, ImageBuildException {
    Path jar = applicationJar();
    String main = mainClass;
    if ((main == null || main.isBlank()) && entrypoint.isEmpty()) {
      main = JarManifest.mainClass(jar).orElse(null);
    }
    Optional<SpringBootJar> boot = SpringBootJar.read(jar);
    if (boot.isPresent() && !boot.get().layered()) {
      getLog()
          .warn(
              jar.getFileName()
                  + " is a Spring Boot jar without a layer index (BOOT-INF/layers.idx): the image"
                  + " holds it as one application layer, so every code change uploads all its"
                  + " dependencies again. Let spring-boot-maven-plugin write the index"
                  + " (<layers><enabled>true</enabled>, its default).");
    }
    return new ContainerSpec(
        BaseImage.parse(from == null ? defaultBaseImage() : from, project.getBasedir().toPath()),
        jar,
        dependencies(),
        extraDirectories.stream().map(File::toPath).toList(),
        main,
        jvmFlags,
        args,
        entrypoint,
        UserProperties.map(session, "ecr.environment", environment),
        ports,
        UserProperties.map(session, "ecr.labels", labels),
        user,
        workingDirectory,
        appRoot,
        CreationTime.fromOutputTimestamp(outputTimestamp),
        project.getVersion(),
        outputDirectory.toPath().resolve(SPRING_BOOT_DIRECTORY));
  }

  /**
   * Registry traffic (base image pulls, pushes) goes through the settings.xml proxies; insecure
   * registries are announced first.
   */
  @Override
  protected JvmProxyProperties.Scope registryProxy() throws MojoExecutionException {
    if (allowInsecureRegistries) {
      getLog()
          .warn(
              "<allowInsecureRegistries> is on: registries may be reached over plain HTTP or"
                  + " unverified TLS");
    }
    return JvmProxyProperties.open(proxies(), log());
  }

  /**
   * Credentials for a registry base image: the {@code settings.xml} server whose id is the registry
   * host, else an ECR login for ECR hosts.
   */
  protected BaseImage.Credentials baseCredentials() throws MojoExecutionException {
    EcrConnection connection = connection();
    return host -> {
      Optional<Server> server = servers().find(host);
      if (server.isEmpty()) {
        try {
          return EcrBaseImageLogin.forHost(
              host, connection, baseImageFromEcr, registryLogins(), log());
        } catch (EcrDeployException e) {
          throw new ImageBuildException(
              "ECR login for the base image registry " + host + " failed: " + e.getMessage(), e);
        }
      }
      getLog().info("Using credentials of settings.xml <server> " + host + " for the base image");
      return Optional.of(Credential.from(server.get().getUsername(), server.get().getPassword()));
    };
  }

  /** The registry logins of this build: one ECR token per registry for all modules. */
  protected RegistryLogin registryLogins() {
    return BuildScoped.get(session, RegistryLogin.class, RegistryLogin::new);
  }

  private String defaultBaseImage() {
    String release =
        Optional.ofNullable(project.getProperties().getProperty("maven.compiler.release"))
            .or(
                () ->
                    Optional.ofNullable(
                        project.getProperties().getProperty("maven.compiler.target")))
            .orElse("17")
            .trim()
            .replaceFirst("^1\\.", "");
    int version;
    try {
      version = Integer.parseInt(release);
    } catch (NumberFormatException e) {
      version = 17;
    }
    int lts =
        version <= 8 ? 8 : version <= 11 ? 11 : version <= 17 ? 17 : version <= 21 ? 21 : version;
    return "eclipse-temurin:" + lts + "-jre";
  }

  private Path applicationJar() throws MojoExecutionException {
    File file = project.getArtifact().getFile();
    if (file == null || !file.isFile()) {
      File built =
          new File(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar");
      file = built.isFile() ? built : null;
    }
    if (file == null || !file.getName().endsWith(".jar")) {
      throw new MojoExecutionException(
          "No packaged jar for "
              + project.getArtifactId()
              + ": ecr-deploy:"
              + goal()
              + " works from the jar that the package phase builds. Run it after package"
              + " (e.g. mvn package ecr-deploy:build, or bind it to the package phase).");
    }
    return file.toPath();
  }

  private List<DependencyJar> dependencies() throws MojoExecutionException {
    Set<String> reactor =
        session.getProjects().stream().map(AbstractImageMojo::key).collect(Collectors.toSet());
    List<DependencyJar> jars = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (!artifact.getArtifactHandler().isAddedToClasspath()
          || Artifact.SCOPE_TEST.equals(artifact.getScope())
          || Artifact.SCOPE_PROVIDED.equals(artifact.getScope())) {
        continue;
      }
      File file = artifact.getFile();
      boolean fromReactor =
          reactor.contains(artifact.getGroupId() + ":" + artifact.getArtifactId());
      if (file == null || !Files.isRegularFile(file.toPath())) {
        throw new MojoExecutionException(
            "Dependency "
                + artifact
                + " has no jar"
                + (fromReactor ? ": run the reactor at least to the package phase" : "")
                + " (file: "
                + file
                + ")");
      }
      LayerKind kind =
          fromReactor
              ? LayerKind.PROJECT_DEPENDENCIES
              : artifact.isSnapshot() ? LayerKind.SNAPSHOT_DEPENDENCIES : LayerKind.DEPENDENCIES;
      jars.add(new DependencyJar(file.toPath(), artifact.getGroupId(), kind));
    }
    return jars;
  }

  private static String key(MavenProject project) {
    return project.getGroupId() + ":" + project.getArtifactId();
  }
}
