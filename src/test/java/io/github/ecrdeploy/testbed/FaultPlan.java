package io.github.ecrdeploy.testbed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Errors to answer instead of the real result for N calls of an operation ({@code *} = any
 * operation), optionally after letting the first few through.
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
  }

  /**
   * The injected error for this call, consuming one count of the first matching fault; a fault that
   * still lets calls through ({@code after}) counts this call down instead and answers nothing.
   */
  synchronized Optional<EcrServiceError> next(String operation) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.operation.equals(operation) || fault.operation.equals("*")) {
        if (fault.skip > 0) {
          fault.skip--;
          return Optional.empty();
        }
        if (--fault.remaining == 0) {
          it.remove();
        }
        return Optional.of(new EcrServiceError(fault.errorType, fault.message, fault.status));
      }
    }
    return Optional.empty();
  }
}
