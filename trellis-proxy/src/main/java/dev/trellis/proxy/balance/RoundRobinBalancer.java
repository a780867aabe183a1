package dev.trellis.proxy.balance;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out endpoints in turn from one shared atomic counter, so rotation is exact across all
 * event loops together: over any k·n consecutive picks each endpoint gets exactly k.
 *
 * <p>The counter starts at a random offset so that many proxies built from the same snapshot at
 * the same moment do not all send their first request to the same endpoint. A long counter does
 * not wrap in practice, so the rotation never skips.
 */
final class RoundRobinBalancer extends FixedEndpointsBalancer {

  private final AtomicLong next;

  RoundRobinBalancer(List<Endpoint> endpoints) {
    super(endpoints);
    this.next = new AtomicLong(endpoints.isEmpty() ? 0 : ThreadLocalRandom.current().nextInt(endpoints.size()));
  }

  @Override
  public Endpoint pick(PickRequest request) {
    int n = endpoints.length;
    return switch (n) {
      case 0 -> null;
      case 1 -> endpoints[0];
      default -> endpoints[(int) Math.floorMod(next.getAndIncrement(), (long) n)];
    };
  }
}
