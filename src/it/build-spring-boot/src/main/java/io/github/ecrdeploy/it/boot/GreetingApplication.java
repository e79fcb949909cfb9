package io.github.ecrdeploy.it.boot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A one-endpoint Spring Boot web application: GET /greeting answers the configured greeting. */
@SpringBootApplication
@RestController
public class GreetingApplication {
  @Value("${greeting}")
  private String greeting;

  @GetMapping("/greeting")
  public String greeting() {
    return greeting + " from spring boot";
  }

  public static void main(String[] args) {
    SpringApplication.run(GreetingApplication.class, args);
  }
}
