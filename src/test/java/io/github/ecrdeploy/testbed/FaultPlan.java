package io.github.ecrdeploy.testbed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Errors to answer instead of the real result for N calls of an operation ({@code *} = any
 * operation), optionally after letting the first few through; and lost answers: the call takes
 * effect, then the connection closes without an answer, as when a network drops the response (the
 * SDK retries the call, which then meets its own earlier effect).
 */
final class FaultPlan {

  private static final class Fault {
    final String operation;
    final String errorType;
    final int status;
    final String message;
    int skip;
    int remaining;

    Fault(String operation, int after, int count, String errorType, int status, String message) {
      this.operation = operation;
      this.skip = after;
      this.remaining = count;
      this.errorType = errorType;
      this.status = status;
      this.message = message;
    }
  }

  private final List<Fault> faults = new ArrayList<>();
  private final List<Fault> lostAnswers = new ArrayList<>();

  /**
   * Loses the answers of {@code count} successful calls of {@code operation}, after {@code after}.
   */
  synchronized void addLostAnswers(String operation, int after, int count) {
    if (count < 1 || after < 0) {
      throw new IllegalArgumentException(
          "lost answers need count >= 1 and after >= 0, got count=" + count + " after=" + after);
    }
    lostAnswers.add(new Fault(operation, after, count, null, 0, null));
  }

  /** Whether the answer of this successful call is lost (consumes one count). */
  synchronized boolean answerLost(String operation) {
    return take(lostAnswers, operation).isPresent();
  }

  synchronized void add(
      String operation, int after, int count, String errorType, int status, String message) {
    if (count < 1 || after < 0 || status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "a fault needs count >= 1, after >= 0 and an HTTP error status, got"
              + " count="
              + count
              + " after="
              + after
              + " status="
              + status);
    }
    String text =
        message != null
            ? message
            : errorType.equals("ThrottlingException") ? "Rate exceeded" : "Injected " + errorType;
    faults.add(new Fault(operation, after, count, errorType, status, text));
  }

  synchronized void clear() {
    faults.clear();
    lostAnswers.clear();
  }

  /**
   * The injected error for this call, consuming one count of the first matching fault; a fault that
   * still lets calls through ({@code after}) counts this call down instead and answers nothing.
   */
  synchronized Optional<EcrServiceError> next(String operation) {
    return take(faults, operation)
        .map(fault -> new EcrServiceError(fault.errorType, fault.message, fault.status));
  }

  private static Optional<Fault> take(List<Fault> from, String operation) {
    for (Iterator<Fault> it = from.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.operation.equals(operation) || fault.operation.equals("*")) {
        if (fault.skip > 0) {
          fault.skip--;
          return Optional.empty();
        }
        if (--fault.remaining == 0) {
          it.remove();
        }
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }
}
