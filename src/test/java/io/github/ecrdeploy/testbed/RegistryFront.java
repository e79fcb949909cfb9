package io.github.ecrdeploy.testbed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The address a {@link TestRegistry} is reached at: a TLS relay (with the registry's own
 * certificate) in front of the {@code docker-registry} process that reads each request's method and
 * path and asks a {@link Policy} whether ECR would refuse it. A refused request is answered with a
 * registry v2 error and the connection closed; every other request and its answer are relayed byte
 * for byte (bodies streamed, never buffered whole). The default policy refuses nothing; {@link
 * EcrEmulator} installs ECR's rules.
 */
final class RegistryFront implements AutoCloseable {

  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int BUFFER = 64 * 1024;

  /** Decides per request whether the registry answers it. */
  interface Policy {
    /**
     * @param method upper-case HTTP method
     * @param path the request path without query, e.g. {@code /v2/team/app/manifests/1.0}
     */
    Optional<Refusal> check(String method, String path);
  }

  /** A registry v2 error answer, e.g. {@code 404 NAME_UNKNOWN}. */
  record Refusal(int status, String code, String message) {}

  private static final Policy ALLOW_ALL = (method, path) -> Optional.empty();

  private final ServerSocket server;
  private final int backendPort;
  private final SSLContext backendTrust;
  private final ExecutorService executor;
  private volatile Policy policy = ALLOW_ALL;

  /**
   * @param port the port to listen on (0 for a free one)
   * @param serverContext presents the registry's certificate
   * @param backendPort where {@code docker-registry} listens (TLS)
   * @param backendTrust trusts the registry's certificate
   */
  RegistryFront(int port, SSLContext serverContext, int backendPort, SSLContext backendTrust)
      throws IOException {
    this.server =
        serverContext
            .getServerSocketFactory()
            .createServerSocket(port, 100, InetAddress.getLoopbackAddress());
    this.backendPort = backendPort;
    this.backendTrust = backendTrust;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "registry-front");
              thread.setDaemon(true);
              return thread;
            });
    executor.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Installs the rules requests are checked against; null restores "refuse nothing". */
  void policy(Policy policy) {
    this.policy = policy == null ? ALLOW_ALL : policy;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    executor.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        executor.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    Socket backend = null;
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER);
      OutputStream out = client.getOutputStream();
      while (true) {
        byte[] head = readHead(in);
        if (head == null) {
          return;
        }
        RequestHead request = RequestHead.parse(head);
        Optional<Refusal> refusal = policy.check(request.method, request.path);
        if (refusal.isPresent()) {
          copyBody(request, in, OutputStream.nullOutputStream());
          refuse(out, request.method, refusal.get());
          return;
        }
        if (backend == null) {
          backend =
              backendTrust
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), backendPort);
          Socket answers = backend;
          executor.execute(() -> relayAnswers(answers, client));
        }
        OutputStream toBackend = new BufferedOutputStream(backend.getOutputStream(), BUFFER);
        toBackend.write(head);
        copyBody(request, in, toBackend);
        toBackend.flush();
      }
    } catch (IOException | RuntimeException e) {
      // the client or the registry went away, or the request was not HTTP: nothing more to relay
    } finally {
      closeQuietly(backend);
    }
  }

  private static void relayAnswers(Socket backend, Socket client) {
    try {
      byte[] buffer = new byte[BUFFER];
      InputStream in = backend.getInputStream();
      OutputStream out = client.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // either side closed
    } finally {
      closeQuietly(client);
    }
  }

  private static void refuse(OutputStream out, String method, Refusal refusal) throws IOException {
    byte[] body =
        ("{\"errors\":[{\"code\":\""
                + refusal.code()
                + "\",\"message\":"
                + WireJson.MAPPER.writeValueAsString(refusal.message())
                + "}]}")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + refusal.status()
            + " "
            + reasonPhrase(refusal.status())
            + "\r\nContent-Type: application/json; charset=utf-8"
            + "\r\nDocker-Distribution-Api-Version: registry/2.0"
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    if (!method.equals("HEAD")) {
      out.write(body);
    }
    out.flush();
  }

  private static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      default -> "Error";
    };
  }

  /** The bytes up to and including the blank line; null at a clean end of the connection. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside a request head");
      }
      head.write(b);
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("request head too long");
      }
    }
    return head.toByteArray();
  }

  /** Copies the request body as its head frames it (Content-Length or chunked). */
  private static void copyBody(RequestHead request, InputStream in, OutputStream out)
      throws IOException {
    if (request.chunked) {
      copyChunked(in, out);
    } else {
      copyExactly(in, out, request.contentLength);
    }
  }

  private static void copyExactly(InputStream in, OutputStream out, long length)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("connection closed inside a request body");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = readLine(in);
      out.write((sizeLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
      int extension = sizeLine.indexOf(';');
      long size =
          Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(in);
          out.write((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } while (!trailer.isEmpty());
        return;
      }
      copyExactly(in, out, size);
      out.write((readLine(in) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed inside a chunked body");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  /** The parts of a request head the front needs. */
  private record RequestHead(String method, String path, long contentLength, boolean chunked) {
    static RequestHead parse(byte[] head) throws IOException {
      String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length < 3) {
        throw new IOException("not an HTTP request: " + lines[0]);
      }
      String target = requestLine[1];
      int query = target.indexOf('?');
      long length = 0;
      boolean chunked = false;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        if (name.equals("content-length")) {
          length = Long.parseLong(value);
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        }
      }
      return new RequestHead(
          requestLine[0].toUpperCase(Locale.ROOT),
          query < 0 ? target : target.substring(0, query),
          length,
          chunked);
    }
  }
}
