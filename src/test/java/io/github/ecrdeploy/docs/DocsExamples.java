package io.github.ecrdeploy.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docs example rule: every fenced {@code xml} or {@code yaml} block of a Markdown file is
 * preceded (directly, or with only blank lines between) by {@code <!-- example: PATH -->}, PATH
 * being a file of the repository, and the block's trimmed non-blank lines are consecutive trimmed
 * non-blank lines of that file. Other fenced blocks are checked the same way when they carry a
 * marker.
 */
final class DocsExamples {
  static final Set<String> LANGUAGES_NEEDING_MARKER = Set.of("xml", "yaml", "yml");
  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!--\\s*example:\\s*(\\S+)\\s*-->\\s*$");
  private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})\\s*([^\\s`]*).*$");

  private final Path root;

  DocsExamples(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * A fenced block: its language, the 1-based line of its opening fence, its lines and its marker
   * path (or null).
   */
  record Block(String language, int line, List<String> lines, String marker) {}

  /** The fenced blocks of a Markdown text. */
  static List<Block> blocks(List<String> markdown) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < markdown.size(); i++) {
      Matcher open = FENCE.matcher(markdown.get(i));
      if (!open.matches()) {
        continue;
      }
      String fence = open.group(1);
      List<String> body = new ArrayList<>();
      int j = i + 1;
      while (j < markdown.size() && !isClosing(markdown.get(j), fence)) {
        body.add(markdown.get(j));
        j++;
      }
      blocks.add(new Block(open.group(2).toLowerCase(), i + 1, body, markerBefore(markdown, i)));
      i = j;
    }
    return blocks;
  }

  private static boolean isClosing(String line, String fence) {
    String trimmed = line.trim();
    return trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fence.charAt(0));
  }

  private static String markerBefore(List<String> markdown, int fenceIndex) {
    int k = fenceIndex - 1;
    while (k >= 0 && markdown.get(k).isBlank()) {
      k--;
    }
    if (k < 0) {
      return null;
    }
    Matcher marker = MARKER.matcher(markdown.get(k));
    return marker.matches() ? marker.group(1) : null;
  }

  /**
   * The problems of one Markdown file, each naming the file (relative to the root), line, marker
   * and line that failed.
   */
  List<String> check(Path markdownFile) {
    List<String> markdown = read(markdownFile);
    String doc = root.relativize(markdownFile.toAbsolutePath().normalize()).toString();
    List<String> problems = new ArrayList<>();
    for (Block block : blocks(markdown)) {
      String where = doc + ":" + block.line() + " (```" + block.language() + ")";
      if (block.marker() == null) {
        if (LANGUAGES_NEEDING_MARKER.contains(block.language())) {
          problems.add(
              where
                  + ": no <!-- example: PATH --> marker above it (copy the example from the IT that"
                  + " runs it, name that file)");
        }
        continue;
      }
      Path source = root.resolve(block.marker()).normalize();
      if (!source.startsWith(root) || !Files.isRegularFile(source)) {
        problems.add(
            where + ": marker path " + block.marker() + " is not a file of the repository");
        continue;
      }
      mismatch(block.lines(), read(source))
          .ifPresent(
              index ->
                  problems.add(
                      where
                          + ": example: "
                          + block.marker()
                          + " does not contain this block; first line that did not match (line "
                          + (block.line() + 1 + index)
                          + "): "
                          + block.lines().get(index).trim()));
    }
    return problems;
  }

  /**
   * Empty when the block's trimmed non-blank lines are consecutive trimmed non-blank lines of the
   * source; else the index (in the block) of the first line that did not match, at the source
   * position that matched the most lines.
   */
  static java.util.Optional<Integer> mismatch(List<String> block, List<String> source) {
    List<Integer> wanted = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) {
      if (!block.get(i).isBlank()) {
        wanted.add(i);
      }
    }
    if (wanted.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<String> have = source.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    int best = 0;
    for (int start = 0; start < have.size(); start++) {
      int matched = 0;
      while (matched < wanted.size()
          && start + matched < have.size()
          && have.get(start + matched).equals(block.get(wanted.get(matched)).trim())) {
        matched++;
      }
      if (matched == wanted.size()) {
        return java.util.Optional.empty();
      }
      best = Math.max(best, matched);
    }
    return java.util.Optional.of(wanted.get(best));
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
