package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageIndexTest {
  private static final String AMD64 = "sha256:" + "a".repeat(64);
  private static final String ARM64 = "sha256:" + "b".repeat(64);

  private static List<ImageIndex.Entry> entries() {
    return List.of(
        new ImageIndex.Entry(new ImagePlatform("linux", "amd64", null), AMD64, 1234),
        new ImageIndex.Entry(new ImagePlatform("linux", "arm64", "v8"), ARM64, 987));
  }

  @Test
  void writesACompactOciIndexWithFieldsAndPlatformsInOrder() {
    String expected =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + AMD64
            + "\",\"size\":1234,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + ARM64
            + "\",\"size\":987,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}]}";
    assertEquals(expected, new String(ImageIndex.of(entries()).bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theSameEntriesGiveTheSameBytesAndTheDigestIsTheirSha256() throws Exception {
    ImageIndex first = ImageIndex.of(entries());
    ImageIndex second = ImageIndex.of(List.copyOf(entries()));
    assertArrayEquals(first.bytes(), second.bytes());
    String sha256 =
        "sha256:"
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.bytes()));
    assertEquals(sha256, first.digest());
    assertEquals(first.digest(), second.digest());
  }

  @Test
  void platformOrderAndManifestDigestsChangeTheDigest() {
    ImageIndex index = ImageIndex.of(entries());
    assertNotEquals(
        index.digest(), ImageIndex.of(List.of(entries().get(1), entries().get(0))).digest());
    assertNotEquals(
        index.digest(),
        ImageIndex.of(
                List.of(
                    entries().get(0),
                    new ImageIndex.Entry(
                        new ImagePlatform("linux", "arm64", "v8"),
                        "sha256:" + "c".repeat(64),
                        987)))
            .digest());
  }

  @Test
  void writtenBytesReadBackUnchanged(@TempDir Path dir) throws Exception {
    ImageIndex index = ImageIndex.of(entries());
    Path file = dir.resolve("target/ecr-deploy/" + ImageIndex.FILE_NAME);
    index.write(file);
    ImageIndex read = ImageIndex.read(file);
    assertArrayEquals(index.bytes(), read.bytes());
    assertEquals(index.digest(), read.digest());
  }
}
