package io.github.ecrdeploy.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP proxy (Debian's {@code tinyproxy}) on a loopback port, with basic authentication,
 * logging each request it forwards: {@code CONNECT host:port} for HTTPS tunnels, {@code GET/POST
 * http://host:port/...} for plain HTTP.
 */
public final class Tinyproxy implements AutoCloseable {
  private static final Pattern REQUEST =
      Pattern.compile("Request \\(file descriptor \\d+\\): (\\S+ \\S+)");

  private final Process process;
  private final int port;
  private final Path log;

  private Tinyproxy(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts tinyproxy on a free loopback port, asking for {@code user}/{@code password}; its files
   * go to {@code dir}.
   */
  public static Tinyproxy start(Path dir, String user, String password)
      throws IOException, InterruptedException {
    TestTools.ensureInstalled();
    Files.createDirectories(dir);
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("tinyproxy.log");
    Path config =
        Files.writeString(
            dir.resolve("tinyproxy.conf"),
            String.join(
                "\n",
                "Port " + port,
                "Listen 127.0.0.1",
                "Timeout 600",
                "LogFile \"" + log + "\"",
                "LogLevel Connect",
                "MaxClients 100",
                "Allow 127.0.0.1",
                "BasicAuth " + user + " " + password,
                "DisableViaHeader Yes",
                ""));
    ProcessBuilder builder =
        new ProcessBuilder("tinyproxy", "-d", "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("tinyproxy.out").toFile());
    Process process = TestTools.startTiedToJvm(builder, "tinyproxy");
    Tinyproxy proxy = new Tinyproxy(process, port, log);
    proxy.awaitListening(Duration.ofSeconds(30));
    return proxy;
  }

  public int port() {
    return port;
  }

  /**
   * The requests forwarded so far, e.g. {@code CONNECT 127.0.0.1:5000} or {@code POST
   * http://127.0.0.1:6000/}.
   */
  public List<String> requests() throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream()
        .map(REQUEST::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .toList();
  }

  private void awaitListening(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException e) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          close();
          throw new IOException(
              "tinyproxy did not start on port " + port + ": " + TestTools.tail(log, 20), e);
        }
        Thread.sleep(100);
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
