package dev.trellis.proxy.balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Placeholder of the balancer contract until the balancer branch is merged: round robin only. */
public final class Balancers {
  private Balancers() {}

  public static Balancer create(BalancerConfig config, List<Endpoint> endpoints, EndpointLoads loads) {
    List<Endpoint> copy = List.copyOf(endpoints);
    AtomicInteger next = new AtomicInteger();
    return new Balancer() {
      @Override
      public Endpoint pick(PickRequest request) {
        return copy.isEmpty() ? null : copy.get(Math.floorMod(next.getAndIncrement(), copy.size()));
      }

      @Override
      public List<Endpoint> endpoints() {
        return copy;
      }
    };
  }
}
