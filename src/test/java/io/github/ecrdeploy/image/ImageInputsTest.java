package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputsTest {
  @TempDir Path dir;

  @Test
  void sizesParseDecimalAndBinaryUnits() {
    assertEquals(150_000_000L, ByteSize.parse("150MB"));
    assertEquals(1_572_864L, ByteSize.parse("1.5 MiB"));
    assertEquals(42L, ByteSize.parse("42"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-5MB"));
    assertTrue(e.getMessage().contains("KB, MB, GB"), e.getMessage());
    assertEquals("45.6 MB", ByteSize.format(45_600_000L));
  }

  @Test
  void baseImageReferencesAndArchives() throws Exception {
    BaseImage registry = BaseImage.parse("127.0.0.1:5000/base/jre:17", dir);
    assertEquals("127.0.0.1:5000", registry.registryHost().orElseThrow());
    assertEquals(
        "127.0.0.1:5000",
        BaseImage.parse("registry://127.0.0.1:5000/base/jre:17", dir).registryHost().get());
    ImageBuildException unknown =
        assertThrows(ImageBuildException.class, () -> BaseImage.parse("docker://busybox", dir));
    assertTrue(
        unknown.getMessage().startsWith("<from> docker://busybox: unknown scheme 'docker://'"));
    ImageBuildException missing =
        assertThrows(ImageBuildException.class, () -> BaseImage.parse("tar://missing.tar", dir));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    ImageBuildException invalid =
        assertThrows(ImageBuildException.class, () -> BaseImage.parse("UPPER/Case:x", dir));
    assertTrue(
        invalid.getMessage().startsWith("<from> UPPER/Case:x is not a valid image reference"));
  }

  @Test
  void tarBaseMustBeAnImageArchive() throws Exception {
    Path text = java.nio.file.Files.writeString(dir.resolve("notes.tar"), "not a tar at all");
    Path tarWithoutManifest = dir.resolve("files.tar");
    try (var out =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
            java.nio.file.Files.newOutputStream(tarWithoutManifest))) {
      byte[] content = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("hello.txt");
      entry.setSize(content.length);
      out.putArchiveEntry(entry);
      out.write(content);
      out.closeArchiveEntry();
    }
    for (Path file : List.of(text, tarWithoutManifest)) {
      ImageBuildException e =
          assertThrows(
              ImageBuildException.class, () -> BaseImage.parse("tar://" + file.getFileName(), dir));
      assertTrue(
          e.getMessage().startsWith("<from> tar://" + file.getFileName() + ": "), e.getMessage());
      assertTrue(e.getMessage().contains("is not an image archive"), e.getMessage());
    }
    Path image = TestJars.baseTar(dir.resolve("base"));
    assertEquals(image, BaseImage.parse("tar://base/base.tar", dir).tarFile().orElseThrow());
  }

  @Test
  void pushPinsARegistryBaseToTheDigestTheBuildUsed() throws Exception {
    String digest = "sha256:" + "ab".repeat(32);
    BaseImage tagged = BaseImage.parse("127.0.0.1:5000/base/jre:17", dir);
    BaseImage pinned = tagged.pinnedTo(digest);
    assertEquals(
        "127.0.0.1:5000/base/jre@" + digest, pinned.registryReference().orElseThrow().toString());
    assertEquals("127.0.0.1:5000", pinned.registryHost().orElseThrow());
    assertEquals(tagged.text(), pinned.text());
    assertSame(tagged, tagged.pinnedTo(null));
    assertSame(tagged, tagged.pinnedTo("sha256:not-a-digest"));
    BaseImage byDigest = BaseImage.parse("127.0.0.1:5000/base/jre@sha256:" + "cd".repeat(32), dir);
    assertSame(byDigest, byDigest.pinnedTo(digest));
    Path archiveFile = TestJars.baseTar(dir.resolve("archive"));
    BaseImage archive = BaseImage.parse("tar://" + archiveFile, dir);
    assertSame(archive, archive.pinnedTo(digest));
  }

  @Test
  void creationTimeFollowsOutputTimestamp() throws Exception {
    assertEquals(Instant.EPOCH, CreationTime.fromOutputTimestamp(null));
    assertEquals(Instant.EPOCH, CreationTime.fromOutputTimestamp("1"));
    assertEquals(
        Instant.parse("2024-01-02T03:04:05Z"),
        CreationTime.fromOutputTimestamp("2024-01-02T03:04:05Z"));
    assertEquals(Instant.ofEpochSecond(1700000000), CreationTime.fromOutputTimestamp("1700000000"));
    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> CreationTime.fromOutputTimestamp("soon"));
    assertTrue(e.getMessage().startsWith("project.build.outputTimestamp 'soon'"));
  }

  @Test
  void portsAcceptProtocolsAndRejectNonsense() throws Exception {
    assertEquals(2, ContainerPlanner.ports(List.of("8080", "53/udp")).size());
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () -> ContainerPlanner.ports(List.of("http", "70000", "1/sctp")));
    assertTrue(
        e.getMessage().startsWith("<ports><port> [http, 70000, 1/sctp] not understood"),
        e.getMessage());
  }

  @Test
  void appRootMustBeAbsolute() {
    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> LayerPlanner.appRoot("app"));
    assertTrue(e.getMessage().startsWith("<appRoot> 'app' must be an absolute"));
  }
}
