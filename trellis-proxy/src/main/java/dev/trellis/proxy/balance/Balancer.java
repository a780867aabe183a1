package dev.trellis.proxy.balance;

import java.util.List;

/** Picks the endpoint for one request. */
public interface Balancer {
  Endpoint pick(PickRequest request);

  List<Endpoint> endpoints();
}
