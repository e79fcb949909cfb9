package io.github.ecrdeploy.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * The test bed publishes the emulator's endpoint, and a client reading only testbed.properties can
 * release.
 */
class TestBedEmulatorTest {

  @TempDir Path temp;

  @Test
  void emulatorEndpointIsPublishedAndServesTheBedsRegistry() throws Exception {
    try (TestBed bed = TestBed.start(temp.resolve("state"))) {
      Properties published = new Properties();
      try (InputStream in = Files.newInputStream(bed.stateDir().resolve(TestBed.PROPERTIES_FILE))) {
        published.load(in);
      }
      URI endpoint = URI.create(published.getProperty(TestBed.EMULATOR_ENDPOINT_KEY));
      assertEquals(
          "http://127.0.0.1:" + published.getProperty(TestBed.EMULATOR_PORT_KEY),
          endpoint.toString());
      assertEquals(bed.emulator().endpoint(), endpoint);

      try (EcrClient ecr =
          EcrClient.builder()
              .region(Region.US_EAST_1)
              .endpointOverride(endpoint)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        AuthorizationData auth = ecr.getAuthorizationToken().authorizationData().get(0);
        assertEquals(
            "https://" + published.getProperty(TestBed.REGISTRY_HOST_KEY), auth.proxyEndpoint());
        String[] credentials =
            new String(
                    Base64.getDecoder().decode(auth.authorizationToken()), StandardCharsets.UTF_8)
                .split(":", 2);

        ecr.createRepository(r -> r.repositoryName("team/app"));
        String digest =
            JibTestImages.push(
                URI.create(auth.proxyEndpoint()).getAuthority(),
                credentials[0],
                credentials[1],
                "team/app",
                "released",
                ImageFormat.Docker,
                "1.0.0");

        ImageDetail image =
            ecr.describeImages(r -> r.repositoryName("team/app")).imageDetails().get(0);
        assertEquals(digest, image.imageDigest());
        // the base image was pushed before the emulator started: set-up, not a violation
        String baseRepository = BaseImageBuilder.REPOSITORY_AND_TAG.split(":")[0];
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!bed.emulator().repositoriesInRegistryEvents().contains(baseRepository)
            && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertTrue(
            bed.emulator().repositoriesInRegistryEvents().contains(baseRepository),
            "the registry notifies the emulator");
        assertTrue(bed.emulator().violations().isEmpty(), bed.emulator().violations().toString());
      }
    }
  }
}
