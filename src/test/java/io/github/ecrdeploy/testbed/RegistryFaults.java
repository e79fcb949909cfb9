package io.github.ecrdeploy.testbed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registry error answers to give instead of relaying the next N matching requests (method, {@code
 * *} for any, and a regular expression over the whole path). Callers hold the emulator's lock.
 */
final class RegistryFaults {

  private record Fault(String method, Pattern path, RegistryFront.Refusal answer, int[] left) {}

  private final List<Fault> faults = new ArrayList<>();

  void add(String method, String pathRegex, int count, int status, String code, String message) {
    if (count < 1 || status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "a registry fault needs count >= 1 and an HTTP error status, got count="
              + count
              + " status="
              + status);
    }
    faults.add(
        new Fault(
            method.toUpperCase(Locale.ROOT),
            Pattern.compile(pathRegex),
            new RegistryFront.Refusal(status, code, message),
            new int[] {count}));
  }

  void clear() {
    faults.clear();
  }

  Optional<RegistryFront.Refusal> next(String method, String path) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if ((fault.method().equals("*") || fault.method().equals(method))
          && fault.path().matcher(path).matches()) {
        if (--fault.left()[0] == 0) {
          it.remove();
        }
        return Optional.of(fault.answer());
      }
    }
    return Optional.empty();
  }
}
