package dev.trellis.api.registry;

import java.util.List;

/** The endpoints of one service, in registration order. */
public record ServiceEndpoints(String service, String namespace, List<Endpoint> endpoints) {
  public ServiceEndpoints {
    endpoints = List.copyOf(endpoints);
  }
}
