package com.example.orders;

import io.github.ecrdeploy.example.ExampleService;

/** The service's entry point: the example HTTP service with its health endpoints. */
public final class OrdersService {
  private OrdersService() {}

  public static void main(String[] args) throws Exception {
    ExampleService.main(args);
  }
}
