package io.github.ecrdeploy.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An output stream that reads a tar archive as it is written and keeps the content of its small
 * files (at most {@code maxEntryBytes}); larger entries (the layers) pass through unkept. Knows the
 * ustar header, PAX ({@code x}) and GNU long-name ({@code L}) entries, which is what Jib's tar
 * writer emits.
 */
final class TarEntryCollector extends OutputStream {
  private static final int BLOCK = 512;

  private final long maxEntryBytes;
  private final Map<String, byte[]> entries = new HashMap<>();
  private final byte[] header = new byte[BLOCK];
  private int headerFill;
  private long remaining;
  private long padding;
  private char type;
  private String name;
  private ByteArrayOutputStream kept;
  private String nextName;
  private Long nextSize;
  private boolean ended;

  TarEntryCollector(long maxEntryBytes) {
    this.maxEntryBytes = maxEntryBytes;
  }

  /** The small files seen so far, by entry name. */
  Map<String, byte[]> entries() {
    return entries;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int end = offset + length;
    while (offset < end && !ended) {
      if (remaining > 0) {
        int n = (int) Math.min(remaining, end - offset);
        if (kept != null) {
          kept.write(bytes, offset, n);
        }
        remaining -= n;
        offset += n;
        if (remaining == 0) {
          finishEntry();
        }
      } else if (padding > 0) {
        int n = (int) Math.min(padding, end - offset);
        padding -= n;
        offset += n;
      } else {
        int n = Math.min(BLOCK - headerFill, end - offset);
        System.arraycopy(bytes, offset, header, headerFill, n);
        headerFill += n;
        offset += n;
        if (headerFill == BLOCK) {
          headerFill = 0;
          startEntry();
        }
      }
    }
  }

  private void startEntry() throws IOException {
    if (isZeroBlock()) {
      ended = true;
      return;
    }
    type = (char) header[156];
    name = nextName != null ? nextName : prefixedName();
    long size = nextSize != null ? nextSize : size();
    if (type != 'x' && type != 'L') {
      nextName = null;
      nextSize = null;
    }
    remaining = size;
    padding = (BLOCK - size % BLOCK) % BLOCK;
    boolean keep =
        type == 'x' || type == 'L' || ((type == '0' || type == 0) && size <= maxEntryBytes);
    kept = keep ? new ByteArrayOutputStream((int) size) : null;
    if (size == 0) {
      finishEntry();
    }
  }

  private void finishEntry() throws IOException {
    if (kept == null) {
      return;
    }
    byte[] content = kept.toByteArray();
    kept = null;
    if (type == 'L') {
      nextName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
    } else if (type == 'x') {
      readPax(new String(content, StandardCharsets.UTF_8));
    } else {
      entries.put(name, content);
    }
  }

  /** PAX records: {@code "<length> <key>=<value>\n"}. */
  private void readPax(String records) throws IOException {
    int at = 0;
    while (at < records.length()) {
      int space = records.indexOf(' ', at);
      if (space < 0) {
        break;
      }
      int length;
      try {
        length = Integer.parseInt(records.substring(at, space));
      } catch (NumberFormatException e) {
        throw new IOException("Malformed PAX header in the image archive");
      }
      String record = records.substring(space + 1, at + length - 1);
      int equals = record.indexOf('=');
      String key = record.substring(0, equals);
      String value = record.substring(equals + 1);
      if (key.equals("path")) {
        nextName = value;
      } else if (key.equals("size")) {
        nextSize = Long.parseLong(value);
      }
      at += length;
    }
  }

  private boolean isZeroBlock() {
    for (byte b : header) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private String prefixedName() {
    String base = text(0, 100);
    boolean ustar = text(257, 6).equals("ustar") && header[262] == 0;
    String prefix = ustar ? text(345, 155) : "";
    return prefix.isEmpty() ? base : prefix + "/" + base;
  }

  private String text(int from, int length) {
    int end = from;
    while (end < from + length && header[end] != 0) {
      end++;
    }
    return new String(header, from, end - from, StandardCharsets.UTF_8);
  }

  /** The size field: octal, or base-256 (GNU/star) when its first byte has the high bit set. */
  private long size() throws IOException {
    if ((header[124] & 0x80) != 0) {
      long value = 0;
      for (int i = 125; i < 136; i++) {
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    String octal = text(124, 12).trim();
    try {
      return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    } catch (NumberFormatException e) {
      throw new IOException("Malformed tar header in the image archive (size '" + octal + "')");
    }
  }
}
