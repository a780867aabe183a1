package dev.trellis.proxy.balance;

import java.util.ArrayList;
import java.util.List;

/** Endpoint lists for tests. */
final class Endpoints {

  private Endpoints() {}

  /** {@code count} endpoints e0, e1, ... on 127.0.0.1, ports 10000 upward. */
  static List<Endpoint> many(int count) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      endpoints.add(Endpoint.of("e" + i, "127.0.0.1", 10_000 + i));
    }
    return List.copyOf(endpoints);
  }
}
