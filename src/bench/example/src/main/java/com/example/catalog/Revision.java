package com.example.catalog;

/** The revision of the code; the benchmark's "code change" scenario rewrites this file. */
final class Revision {
  static final String VALUE = "0";

  private Revision() {}
}
