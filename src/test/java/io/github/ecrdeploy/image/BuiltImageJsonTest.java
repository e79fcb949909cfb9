package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltImageJsonTest {
  private static final List<ImageLayer> LAYERS =
      List.of(new ImageLayer(LayerKind.BASE, "sha256:" + "1".repeat(64), 10, false));

  private static BuiltImage single(String digest) {
    return new BuiltImage(
        digest,
        "sha256:" + "9".repeat(64),
        10,
        "base:1",
        "sha256:" + "2".repeat(64),
        "1970-01-01T00:00:01Z",
        "/t/image.tar",
        "/t",
        LAYERS);
  }

  @Test
  void aSingleImageReportHasNoIndexFields(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("image.json");
    ImageReport.write(file, single("sha256:" + "3".repeat(64)));
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    List<String> fields = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "digest",
            "imageId",
            "sizeBytes",
            "baseImage",
            "baseImageDigest",
            "created",
            "imageTar",
            "directory",
            "layers",
            "cacheHitRatio"),
        fields);
    assertFalse(ImageReport.read(file).orElseThrow().isIndex());
  }

  @Test
  void anIndexReportListsEachPlatformAndReadsBackEqual(@TempDir Path dir) throws Exception {
    BuiltImage amd64 =
        single("sha256:" + "4".repeat(64))
            .forPlatform(new ImagePlatform("linux", "amd64", null), "sha256:" + "5".repeat(64));
    BuiltImage arm64 =
        single("sha256:" + "6".repeat(64))
            .forPlatform(new ImagePlatform("linux", "arm64", null), "sha256:" + "5".repeat(64));
    BuiltImage index =
        new BuiltImage(
            "sha256:" + "7".repeat(64),
            null,
            10,
            "base:1",
            "sha256:" + "5".repeat(64),
            "1970-01-01T00:00:01Z",
            "/t/image.tar",
            "/t",
            List.of(),
            null,
            ImageIndex.MEDIA_TYPE,
            "linux/amd64",
            List.of(amd64, arm64));
    Path file = dir.resolve("image.json");
    ImageReport.write(file, index);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertEquals(ImageIndex.MEDIA_TYPE, json.path("mediaType").asText());
    assertFalse(json.has("imageId"));
    assertEquals("linux/arm64", json.path("platforms").path(1).path("platform").asText());
    assertEquals(arm64.digest(), json.path("platforms").path(1).path("digest").asText());
    assertFalse(json.path("platforms").path(1).has("platforms"));
    BuiltImage read = ImageReport.read(file).orElseThrow();
    assertEquals(index, read);
    assertTrue(read.isIndex());
  }

  @Test
  void withoutAnArchiveImageTarIsNullAndTheDirectoryIsKept(@TempDir Path dir) throws Exception {
    BuiltImage single = single("sha256:" + "3".repeat(64));
    BuiltImage noTar =
        new BuiltImage(
            single.digest(),
            single.imageId(),
            single.sizeBytes(),
            single.baseImage(),
            single.baseImageDigest(),
            single.created(),
            null,
            dir.toString(),
            single.layers());
    Path file = dir.resolve("image.json");
    ImageReport.write(file, noTar);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertTrue(json.has("imageTar"));
    assertTrue(json.path("imageTar").isNull());
    assertEquals(dir, ImageReport.read(file).orElseThrow().outputDirectory());
  }

  @Test
  void anImageJsonWithoutDirectoryIsTheArchivesDirectory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("image.json");
    ImageReport.write(file, single("sha256:" + "3".repeat(64)));
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(file.toFile());
    json.remove("directory");
    mapper.writeValue(file.toFile(), json);
    assertEquals(Path.of("/t"), ImageReport.read(file).orElseThrow().outputDirectory());
  }
}
