package io.github.ecrdeploy.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A fault-injecting HTTP proxy in front of a {@link TestRegistry}, on 127.0.0.1: it answers
 * registry requests by forwarding them to the registry (rewriting {@code Location} headers so that
 * uploads stay on the proxy), except where a {@link Fault} says otherwise: an error status with a
 * registry error body, a connection cut in the middle of the request body, or a response held back
 * longer than the client waits. It terminates TLS with the registry's own certificate (so clients
 * that trust the registry trust the proxy), with another certificate, or not at all (plain HTTP).
 * Every exchange is recorded, with whether it carried an {@code Authorization} header.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.tls(registry)) {
 *     proxy.inject(FaultProxy.Fault.on("PATCH", "/v2/.+/blobs/uploads/.+").status(503, "UNAVAILABLE"));
 *     emulator.setProxyEndpoint(proxy.endpoint());   // GetAuthorizationToken now points clients at the proxy
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

  /**
   * Headers the JDK client sets itself or refuses; also hop-by-hop headers a proxy does not pass
   * on.
   */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "transfer-encoding",
          "keep-alive",
          "te",
          "trailer",
          "date");

  /** What a fault does to a matching request. */
  public enum Action {
    /** Answers {@code status} with a registry error body without forwarding the request. */
    STATUS,
    /**
     * Forwards the request (the registry acts on it), then answers {@code status} instead of the
     * real answer.
     */
    STATUS_AFTER_FORWARDING,
    /** Reads part of the request body, then closes the connection without an answer. */
    RESET,
    /**
     * Forwards the request head and only the first {@code fraction} of its body to the registry,
     * then cuts both connections: the registry holds a partial upload, as when a network drops in
     * the middle of a body.
     */
    RESET_AFTER_PARTIAL_FORWARD,
    /** Forwards the request, then holds the answer back for {@code delay} before sending it. */
    DELAY
  }

  /**
   * A fault for requests whose method and path (without query) match; see {@link #on(String,
   * String)}.
   */
  public static final class Fault {
    private final String method;
    private final Pattern path;
    private Action action = Action.STATUS;
    private int status = 500;
    private String code = "UNKNOWN";
    private Duration delay = Duration.ZERO;
    private double fraction;
    private int skip;
    private int remaining = 1;

    private Fault(String method, String pathRegex) {
      this.method = method.toUpperCase(Locale.ROOT);
      this.path = Pattern.compile(pathRegex);
    }

    /**
     * A fault for {@code method} ({@code *} = any) on paths matching {@code pathRegex} (the whole
     * path).
     */
    public static Fault on(String method, String pathRegex) {
      return new Fault(method, pathRegex);
    }

    /**
     * Answer {@code status} with the registry error {@code code} (e.g. {@code
     * BLOB_UPLOAD_UNKNOWN}).
     */
    public Fault status(int status, String code) {
      this.action = Action.STATUS;
      this.status = status;
      this.code = code;
      return this;
    }

    /**
     * Let the registry act on the request, but answer {@code status} with the error {@code code}.
     */
    public Fault statusAfterForwarding(int status, String code) {
      status(status, code);
      this.action = Action.STATUS_AFTER_FORWARDING;
      return this;
    }

    /** Cut the connection while the request body is being sent. */
    public Fault reset() {
      this.action = Action.RESET;
      return this;
    }

    /**
     * Forward the head and the first {@code fraction} (0 to 1) of the body to the registry, then
     * cut both connections without an answer.
     */
    public Fault resetAfterForwarding(double fraction) {
      this.action = Action.RESET_AFTER_PARTIAL_FORWARD;
      this.fraction = fraction;
      return this;
    }

    /** Let the registry act on the request, and answer only after {@code delay}. */
    public Fault delay(Duration delay) {
      this.action = Action.DELAY;
      this.delay = delay;
      return this;
    }

    /** Let the first {@code count} matching requests through untouched. */
    public Fault after(int count) {
      this.skip = count;
      return this;
    }

    /** Apply to this many matching requests (after the skipped ones); default 1. */
    public Fault times(int count) {
      this.remaining = count;
      return this;
    }

    /** Apply to every matching request. */
    public Fault always() {
      return times(Integer.MAX_VALUE);
    }

    boolean matches(String requestMethod, String requestPath) {
      return (method.equals("*") || method.equals(requestMethod))
          && path.matcher(requestPath).matches();
    }

    @Override
    public String toString() {
      return action
          + (action == Action.DELAY
              ? " " + delay
              : action == Action.RESET_AFTER_PARTIAL_FORWARD
                  ? " " + fraction
                  : action == Action.RESET ? "" : " " + status + " " + code)
          + " on "
          + method
          + " "
          + path;
    }
  }

  /**
   * One request the proxy received.
   *
   * @param method the HTTP method
   * @param path the path, without query
   * @param status the status answered, or 0 when the connection was cut
   * @param fault the fault applied, or null when the request was forwarded untouched
   * @param authorization whether the request carried an {@code Authorization} header
   * @param error what went wrong in the proxy itself (e.g. the client hung up), or null
   */
  public record Exchange(
      String method, String path, int status, String fault, boolean authorization, String error) {}

  private final HttpServer server;
  private final PlainHttpFront front;
  private final ExecutorService executor;
  private final String scheme;
  private final String registryBase;
  private final SSLContext registrySsl;
  private final HttpClient upstream;
  private final List<Fault> faults = new ArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  private FaultProxy(TestRegistry registry, SSLContext serverContext) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "fault-proxy");
              thread.setDaemon(true);
              return thread;
            });
    if (serverContext == null) {
      this.server = HttpServer.create(address, 0);
      this.scheme = "http";
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
      this.server = https;
      this.scheme = "https";
    }
    this.registryBase = registry.baseUri().toString();
    this.registrySsl = registry.sslContext();
    this.upstream =
        HttpClient.newBuilder()
            .sslContext(registry.sslContext())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.front =
        serverContext == null ? new PlainHttpFront(server.getAddress().getPort(), executor) : null;
  }

  /** A proxy that presents the registry's own certificate. */
  public static FaultProxy tls(TestRegistry registry) throws IOException {
    return new FaultProxy(registry, registry.serverSslContext());
  }

  /** A proxy that presents another certificate (e.g. one the client does not trust). */
  public static FaultProxy tls(TestRegistry registry, SSLContext serverContext) throws IOException {
    return new FaultProxy(registry, serverContext);
  }

  /** A proxy that speaks plain HTTP. */
  public static FaultProxy plainHttp(TestRegistry registry) throws IOException {
    return new FaultProxy(registry, null);
  }

  /** {@code 127.0.0.1:PORT}. */
  public String host() {
    return "127.0.0.1:" + (front != null ? front.port() : server.getAddress().getPort());
  }

  /**
   * {@code https://127.0.0.1:PORT} (or {@code http://} for a plain-HTTP proxy), for {@code
   * proxyEndpoint}.
   */
  public String endpoint() {
    return scheme + "://" + host();
  }

  /**
   * Adds a fault; faults are tried in the order added, the first matching one with uses left
   * applies.
   */
  public void inject(Fault fault) {
    synchronized (faults) {
      faults.add(fault);
    }
  }

  /** Removes every fault and forgets the recorded exchanges. */
  public void reset() {
    synchronized (faults) {
      faults.clear();
    }
    exchanges.clear();
  }

  /** The requests received so far, in the order they were answered. */
  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** The requests that a fault was applied to. */
  public List<Exchange> faulted() {
    return exchanges.stream().filter(exchange -> exchange.fault() != null).toList();
  }

  @Override
  public void close() {
    if (front != null) {
      front.close();
    }
    server.stop(0);
    executor.shutdownNow();
  }

  private Fault nextFault(String method, String path) {
    synchronized (faults) {
      for (Fault fault : faults) {
        if (fault.remaining > 0 && fault.matches(method, path)) {
          if (fault.skip > 0) {
            fault.skip--;
            return null;
          }
          fault.remaining--;
          return fault;
        }
      }
      return null;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    boolean authorization = exchange.getRequestHeaders().containsKey("Authorization");
    Fault fault = nextFault(method, path);
    String faultName = fault == null ? null : fault.toString();
    Exchange answered = null;
    try {
      if (fault != null && fault.action == Action.RESET) {
        cutMidBody(exchange);
        exchanges.add(new Exchange(method, path, 0, faultName, authorization, null));
        return;
      }
      if (fault != null && fault.action == Action.RESET_AFTER_PARTIAL_FORWARD) {
        forwardPartly(exchange, method, fault.fraction);
        exchanges.add(new Exchange(method, path, 0, faultName, authorization, null));
        return;
      }
      // An answered exchange is recorded before its answer leaves: a client that has its answer
      // (and a test that has seen the push end) finds it here, never after a later reset().
      if (fault != null && fault.action == Action.STATUS) {
        readAll(exchange.getRequestBody());
        answered = record(new Exchange(method, path, fault.status, faultName, authorization, null));
        sendError(exchange, fault);
        return;
      }
      HttpResponse<byte[]> response = forward(exchange, method);
      if (fault != null && fault.action == Action.STATUS_AFTER_FORWARDING) {
        answered = record(new Exchange(method, path, fault.status, faultName, authorization, null));
        sendError(exchange, fault);
        return;
      }
      if (fault != null && fault.action == Action.DELAY) {
        sleep(fault.delay);
      }
      answered =
          record(new Exchange(method, path, response.statusCode(), faultName, authorization, null));
      sendForwarded(exchange, method, response);
    } catch (IOException | RuntimeException e) {
      if (answered != null) {
        exchanges.remove(answered);
      }
      exchanges.add(new Exchange(method, path, 0, faultName, authorization, e.toString()));
      throw e;
    } finally {
      exchange.close();
    }
  }

  private Exchange record(Exchange exchange) {
    exchanges.add(exchange);
    return exchange;
  }

  /**
   * Reads a little of the body, then closes the connection before any answer: the client sees a
   * reset.
   */
  private static void cutMidBody(HttpExchange exchange) throws IOException {
    InputStream body = exchange.getRequestBody();
    byte[] buffer = new byte[1024];
    body.read(buffer);
    // Closing the exchange before response headers are sent closes the socket with unread data: a
    // reset.
  }

  /**
   * Sends the request head (with the full {@code Content-Length}) and the first {@code fraction} of
   * the body to the registry over a socket of its own, then closes it and the client's connection
   * without any answer.
   */
  private void forwardPartly(HttpExchange exchange, String method, double fraction)
      throws IOException {
    byte[] body = readAll(exchange.getRequestBody());
    int sent = (int) Math.floor(body.length * Math.max(0, Math.min(1, fraction)));
    URI registry = URI.create(registryBase);
    StringBuilder head =
        new StringBuilder(method)
            .append(' ')
            .append(exchange.getRequestURI().getRawPath())
            .append(
                exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery())
            .append(" HTTP/1.1\r\nHost: ")
            .append(registry.getAuthority())
            .append("\r\nContent-Length: ")
            .append(body.length)
            .append("\r\n");
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        head.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    head.append("\r\n");
    try (Socket socket =
        registrySsl
            .getSocketFactory()
            .createSocket(InetAddress.getLoopbackAddress(), registry.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, 0, sent);
      out.flush();
      sleep(Duration.ofMillis(200)); // let the registry take in what arrived before the cut
    }
    // closing the exchange before any response header cuts the client's connection
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, String method) throws IOException {
    byte[] body = readAll(exchange.getRequestBody());
    URI target =
        URI.create(
            registryBase
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofMinutes(2))
            .method(
                method,
                body.length == 0 && (method.equals("GET") || method.equals("HEAD"))
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        request.header(header.getKey(), value);
      }
    }
    try {
      return upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
  }

  private void sendForwarded(HttpExchange exchange, String method, HttpResponse<byte[]> response)
      throws IOException {
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (NOT_FORWARDED.contains(name) || name.startsWith(":")) {
        continue;
      }
      for (String value : header.getValue()) {
        if (name.equals("location")) {
          value = value.replace(registryBase, endpoint());
        }
        exchange.getResponseHeaders().add(header.getKey(), value);
      }
    }
    byte[] body = response.body();
    if (method.equals("HEAD")) {
      // The JDK server sends no Content-Length for HEAD by itself; registry clients read the blob
      // size from it.
      response
          .headers()
          .firstValue("Content-Length")
          .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
      exchange.sendResponseHeaders(response.statusCode(), -1);
      return;
    }
    exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void sendError(HttpExchange exchange, Fault fault) throws IOException {
    byte[] body =
        ("{\"errors\":[{\"code\":\""
                + fault.code
                + "\",\"message\":\"injected by the fault proxy\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (fault.status == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ecr-deploy-test\"");
    }
    exchange.getResponseHeaders().set("Docker-Distribution-Api-Version", "registry/2.0");
    if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
      exchange.sendResponseHeaders(fault.status, -1);
      return;
    }
    exchange.sendResponseHeaders(fault.status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static void sleep(Duration delay) throws IOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while delaying", e);
    }
  }

  /**
   * The listening side of a plain-HTTP proxy: answers a TLS handshake with {@code 400 Bad Request}
   * as real HTTP servers do (so a TLS client fails at once with an {@code SSLException} instead of
   * waiting), and relays every other connection to the proxy's HTTP server.
   */
  private static final class PlainHttpFront implements AutoCloseable {
    private static final int TLS_HANDSHAKE = 0x16;
    private final ServerSocket socket;
    private final int backendPort;
    private final ExecutorService executor;

    PlainHttpFront(int backendPort, ExecutorService executor) throws IOException {
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.backendPort = backendPort;
      this.executor = executor;
      executor.execute(this::accept);
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          executor.execute(() -> serve(client));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket client) {
      try (client) {
        PushbackInputStream in = new PushbackInputStream(client.getInputStream(), 1);
        int first = in.read();
        if (first < 0) {
          return;
        }
        if (first == TLS_HANDSHAKE) {
          client
              .getOutputStream()
              .write(
                  "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
                      .getBytes(StandardCharsets.US_ASCII));
          return;
        }
        in.unread(first);
        try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
          executor.execute(() -> copy(in, backend));
          backend.getInputStream().transferTo(client.getOutputStream());
        }
      } catch (IOException | RuntimeException e) {
        // The client or the backend went away: nothing to relay any more.
      }
    }

    private static void copy(InputStream from, Socket to) {
      try {
        from.transferTo(to.getOutputStream());
        to.shutdownOutput();
      } catch (IOException e) {
        // Either side closed.
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
