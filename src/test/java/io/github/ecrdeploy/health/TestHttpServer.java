package io.github.ecrdeploy.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback JDK HTTP server whose answers a test scripts; it records the requests it saw. */
final class TestHttpServer implements AutoCloseable {
  /** Answers the {@code n}-th request (1-based). */
  @FunctionalInterface
  interface Script {
    Answer answer(int n, HttpExchange exchange) throws Exception;
  }

  record Answer(int status, String body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();

  TestHttpServer(Script script) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          seen.add(exchange);
          try (exchange) {
            Answer answer = script.answer(requests.incrementAndGet(), exchange);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // the client gave up (request timeout); nothing to answer
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  int requests() {
    return requests.get();
  }

  List<HttpExchange> seen() {
    return seen;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
