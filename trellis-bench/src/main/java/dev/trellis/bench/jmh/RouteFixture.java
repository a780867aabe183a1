package dev.trellis.bench.jmh;

import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.watch.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mesh with one parent service and its routes, and the requests a route benchmark sends to
 * that parent.
 *
 * @param snapshot the mesh as the control plane sends it: the parent, every backend (each with
 *                 endpoints, so a matched request is routed rather than answered 503) and the routes
 * @param parent   the service the requests are addressed to
 * @param port     the parent's port the requests arrive on
 * @param requests cycled in order; hits and misses
 */
record RouteFixture(Snapshot snapshot, String parent, int port, List<CycledRequest> requests) {
  RouteFixture {
    requests = List.copyOf(requests);
  }

  /**
   * The fixture of {@code parent} and {@code backends}, every one a service speaking
   * {@code appProtocol} on {@code port} with two endpoints, and the route documents {@code routes}.
   */
  static RouteFixture of(String parent, int port, String appProtocol, List<String> backends,
      String routes, List<CycledRequest> requests) {
    StringBuilder yaml = new StringBuilder(MeshDocuments.service(parent, port, appProtocol));
    Map<String, List<Endpoint>> endpoints = new LinkedHashMap<>();
    endpoints.put("default/" + parent, MeshDocuments.endpoints(parent, 0, 2, port));
    for (int i = 0; i < backends.size(); i++) {
      String backend = backends.get(i);
      yaml.append("---\n").append(MeshDocuments.service(backend, port, appProtocol));
      endpoints.put("default/" + backend, MeshDocuments.endpoints(backend, i + 1, 2, port));
    }
    if (!routes.isEmpty()) {
      yaml.append("---\n").append(routes);
    }
    return new RouteFixture(MeshDocuments.snapshot(1, yaml.toString(), endpoints), parent, port, requests);
  }
}
