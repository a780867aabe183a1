package dev.trellis.proxy.balance;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Placeholder of the balancer contract until the balancer branch is merged. */
public final class EndpointLoads {
  private final ConcurrentHashMap<Endpoint, EndpointLoad> loads = new ConcurrentHashMap<>();

  public EndpointLoads(LongSupplier nanoClock) {}

  public EndpointLoad of(Endpoint endpoint) {
    return loads.computeIfAbsent(endpoint, e -> new EndpointLoad());
  }

  public void retainOnly(Collection<Endpoint> live) {
    loads.keySet().retainAll(live);
  }
}
