package com.example.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.lang3.StringUtils;

/** A small catalog service: GET /health and GET /items/{name}. */
public final class CatalogService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CatalogService() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/health", exchange -> reply(exchange, Map.of("status", "UP", "build", Revision.VALUE)));
    server.createContext(
        "/items/",
        exchange -> {
          String name = StringUtils.substringAfter(exchange.getRequestURI().getPath(), "/items/");
          reply(exchange, ImmutableMap.of("name", name, "sha1", DigestUtils.sha1Hex(name)));
        });
    server.start();
  }

  private static void reply(com.sun.net.httpserver.HttpExchange exchange, Map<String, ?> body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
