package dev.trellis.proxy.balance;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks an endpoint uniformly at random; stateless, so it is trivially safe on any thread. */
final class RandomBalancer extends FixedEndpointsBalancer {

  RandomBalancer(List<Endpoint> endpoints) {
    super(endpoints);
  }

  @Override
  public Endpoint pick(PickRequest request) {
    int n = endpoints.length;
    return switch (n) {
      case 0 -> null;
      case 1 -> endpoints[0];
      default -> endpoints[ThreadLocalRandom.current().nextInt(n)];
    };
  }
}
