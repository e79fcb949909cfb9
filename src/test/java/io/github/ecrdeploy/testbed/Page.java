package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Offset pagination with opaque {@code nextToken}s bound to their operation. On the last page no
 * {@code nextToken} is written (ecr-api.md §2.1: a missing token ends the paginator).
 */
final class Page {

  private Page() {}

  /**
   * The items of the requested page; puts {@code nextToken} into the response when more items
   * follow.
   */
  static <T> List<T> of(
      List<T> items,
      String operation,
      Optional<String> nextToken,
      int maxResults,
      ObjectNode response) {
    int from = nextToken.map(token -> offset(token, operation)).orElse(0);
    if (from > items.size()) {
      throw invalidToken();
    }
    int to = Math.min(items.size(), from + maxResults);
    if (to < items.size()) {
      response.put(
          "nextToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString((operation + ":" + to).getBytes(StandardCharsets.UTF_8)));
    }
    return items.subList(from, to);
  }

  private static int offset(String token, String operation) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!decoded.startsWith(operation + ":")) {
        throw invalidToken();
      }
      return Integer.parseInt(decoded.substring(operation.length() + 1));
    } catch (IllegalArgumentException e) {
      throw invalidToken();
    }
  }

  private static EcrServiceError invalidToken() {
    return EcrServiceError.invalidParameter("nextToken", "Invalid pagination token");
  }
}
