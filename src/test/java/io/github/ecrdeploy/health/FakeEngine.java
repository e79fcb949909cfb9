package io.github.ecrdeploy.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in podman/docker CLI (a POSIX shell script using only built-ins) that records each call's
 * arguments, and each line of an {@code --env-file}, in a log file.
 */
final class FakeEngine {
  static final String CONTAINER_ID = "0123456789abcdef0123456789abcdef";

  private static final String SCRIPT =
      """
      #!/bin/sh
      printf '%s\\n' "$*" >> "$FAKE_ENGINE_LOG"
      if [ "$1" = "--runtime" ]; then shift 2; fi
      case "$1" in
        version)
          if [ -n "$FAKE_NO_DAEMON" ]; then echo "Cannot connect to the Docker daemon" >&2; exit 1; fi
          echo "fake 1.0";;
        load) echo "Getting image source signatures"; echo "Loaded image: localhost/app:1.0";;
        create)
          shift
          while [ $# -gt 0 ]; do
            case "$1" in
              --cidfile) printf '%s\\n' "$FAKE_ID" > "$2"; shift 2;;
              --env-file)
                while IFS= read -r line; do printf 'env %s\\n' "$line" >> "$FAKE_ENGINE_LOG"; done < "$2"
                shift 2;;
              *) shift;;
            esac
          done
          echo "$FAKE_ID";;
        start)
          if [ -n "$FAKE_START_FAILS" ]; then echo "Error: OCI runtime error: cannot start" >&2; exit 125; fi
          echo "$2";;
        logs) echo "app log 1"; echo "app log 2";;
        rm) echo "$4";;
        *) echo "unexpected $1" >&2; exit 2;;
      esac
      """;

  final Path bin;
  final Path log;

  private FakeEngine(Path bin, Path log) {
    this.bin = bin;
    this.log = log;
  }

  /** Installs the fake as {@code name} (podman or docker) in {@code dir}/bin. */
  static FakeEngine install(Path dir, String name) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve(name);
    Files.writeString(script, SCRIPT);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new FakeEngine(bin, dir.resolve(name + ".log"));
  }

  /** The environment engine commands get: only this fake on PATH, plus {@code extra}. */
  Map<String, String> environment(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin.toString());
    env.put("FAKE_ENGINE_LOG", log.toString());
    env.put("FAKE_ID", CONTAINER_ID);
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  /** The recorded calls and env-file lines. */
  List<String> calls() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }
}
