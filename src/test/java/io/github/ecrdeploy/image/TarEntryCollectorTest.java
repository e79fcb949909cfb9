package io.github.ecrdeploy.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarEntryCollectorTest {
  @Test
  void keepsSmallFilesAndLongNamesWrittenInOddChunks() throws Exception {
    String longName = "blobs/sha256/" + "a".repeat(120);
    byte[] big = new byte[70_000];
    new Random(1).nextBytes(big);
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(archive)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      add(tar, "index.json", "{}".getBytes(StandardCharsets.UTF_8));
      add(tar, "blobs/sha256/layer", big);
      add(tar, longName, "manifest".getBytes(StandardCharsets.UTF_8));
      add(tar, "empty", new byte[0]);
    }
    TarEntryCollector collector = new TarEntryCollector(1024);
    byte[] bytes = archive.toByteArray();
    for (int at = 0; at < bytes.length; at += 333) {
      collector.write(bytes, at, Math.min(333, bytes.length - at));
    }
    assertEquals("{}", new String(collector.entries().get("index.json"), StandardCharsets.UTF_8));
    assertEquals("manifest", new String(collector.entries().get(longName), StandardCharsets.UTF_8));
    assertArrayEquals(new byte[0], collector.entries().get("empty"));
    assertFalse(collector.entries().containsKey("blobs/sha256/layer"));
    assertEquals(3, collector.entries().size());
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content)
      throws Exception {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
