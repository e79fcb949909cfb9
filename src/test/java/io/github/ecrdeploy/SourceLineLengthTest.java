package io.github.ecrdeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lines of main and test code stay within 120 characters. google-java-format (checked by spotless
 * in {@code validate}) wraps code at 100 but leaves text blocks, URLs and {@code <pre>} comments as
 * written; this catches those.
 */
class SourceLineLengthTest {

  private static final int MAX = 120;

  @Test
  void everyJavaLineFitsIn120Characters() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > MAX) {
              tooLong.add(file + ":" + (i + 1) + " (" + lines.get(i).length() + " characters)");
            }
          }
        }
      }
    }
    assertEquals(List.of(), tooLong, "lines longer than " + MAX + " characters");
  }
}
