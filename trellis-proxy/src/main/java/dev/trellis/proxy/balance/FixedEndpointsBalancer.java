package dev.trellis.proxy.balance;

import java.util.List;

/**
 * The endpoint set every balancer holds: an immutable list for callers and an array for the
 * hot path, so that {@code pick} indexes without iterators or bounds-checked list calls.
 */
abstract class FixedEndpointsBalancer implements Balancer {

  final List<Endpoint> endpointList;
  final Endpoint[] endpoints;

  /** @param endpoints distinct endpoints, already copied into an immutable list */
  FixedEndpointsBalancer(List<Endpoint> endpoints) {
    this.endpointList = endpoints;
    this.endpoints = endpoints.toArray(new Endpoint[0]);
  }

  @Override
  public final List<Endpoint> endpoints() {
    return endpointList;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + endpointList;
  }
}
