package io.github.ecrdeploy.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A service with the usual health endpoints: {@code /health/live}, {@code /health/ready} (503 until {@code
 * READY_AFTER_MS} have passed) and {@code /health} ({@code {"status":"UP","version":...,"greeting":...}}). Listens on
 * {@code PORT} (default 8080). The version is the {@code SERVICE_VERSION} environment variable, else the
 * application's {@code /version.txt}; the greeting comes from {@code /greeting.txt}.
 */
public final class ExampleService {
  private ExampleService() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    long readyAt = System.currentTimeMillis() + Long.parseLong(System.getenv().getOrDefault("READY_AFTER_MS", "0"));
    String version = System.getenv().getOrDefault("SERVICE_VERSION", resource("/version.txt", "unknown"));
    String greeting = resource("/greeting.txt", "hello");
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/health/live", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
    server.createContext(
        "/health/ready",
        exchange ->
            respond(
                exchange,
                System.currentTimeMillis() >= readyAt ? 200 : 503,
                System.currentTimeMillis() >= readyAt ? "{\"status\":\"UP\"}" : "{\"status\":\"STARTING\"}"));
    server.createContext(
        "/health",
        exchange ->
            respond(
                exchange,
                200,
                "{\"status\":\"UP\",\"version\":\"" + version + "\",\"greeting\":\"" + greeting + "\"}"));
    server.start();
    System.out.println("example-service " + version + " listening on " + port);
  }

  private static String resource(String name, String fallback) throws IOException {
    try (InputStream in = ExampleService.class.getResourceAsStream(name)) {
      return in == null ? fallback : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
