package dev.trellis.bench.jmh;

import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.watch.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The meshes the snapshot benchmarks send to a proxy: {@code services} HTTP services with
 * {@code endpointsPerService} endpoints each, {@code routes} HTTPRoutes of four rules spread over
 * them (an Exact path, a PathPrefix with a header match, a 90/10 weighted PathPrefix with a
 * header modifier, a RegularExpression with a query match), and a TrafficPolicy (least request,
 * request timeout) on every fifth service.
 */
public enum MeshSize {
  /** 5 services x 3 endpoints, 5 routes. */
  SMALL(5, 3, 5),
  /** 50 services x 10 endpoints, 100 routes. */
  LARGE(50, 10, 100);

  final int services;
  final int endpointsPerService;
  final int routes;

  MeshSize(int services, int endpointsPerService, int routes) {
    this.services = services;
    this.endpointsPerService = endpointsPerService;
    this.routes = routes;
  }

  /**
   * The mesh at {@code version}. Versions differ in one thing, as consecutive snapshots do: at an
   * even version the first service has one endpoint fewer (an instance scaled in).
   */
  Snapshot snapshot(long version) {
    List<String> documents = new ArrayList<>();
    Map<String, List<Endpoint>> endpoints = new LinkedHashMap<>();
    for (int s = 0; s < services; s++) {
      String name = "svc-" + s;
      documents.add(MeshDocuments.service(name, 8080, "http"));
      List<Endpoint> list = MeshDocuments.endpoints(name, s, endpointsPerService, 8080);
      endpoints.put("default/" + name, s == 0 && version % 2 == 0 ? list.subList(1, list.size()) : list);
      if (s % 5 == 0) {
        documents.add(MeshDocuments.leastRequestPolicy("policy-" + s, name));
      }
    }
    for (int r = 0; r < routes; r++) {
      String parent = "svc-" + (r % services);
      String other = "svc-" + ((r + 1) % services);
      String rules = """
              - matches: [{path: {type: Exact, value: /r%1$d/health}}]
                backendRefs: [{name: %2$s}]
              - matches: [{path: {type: PathPrefix, value: /r%1$d/items}, headers: [{name: x-canary, value: "true"}]}]
                backendRefs: [{name: %3$s}]
              - matches: [{path: {type: PathPrefix, value: /r%1$d/items}}]
                filters:
                  - type: RequestHeaderModifier
                    requestHeaderModifier: {set: [{name: x-route, value: r%1$d}]}
                backendRefs: [{name: %2$s, weight: 90}, {name: %3$s, weight: 10}]
              - matches: [{path: {type: RegularExpression, value: "/r%1$d/users/[0-9]+"}, queryParams: [{name: view, value: full}]}]
                backendRefs: [{name: %2$s}]
          """.formatted(r, parent, other);
      documents.add(MeshDocuments.httpRoute("route-" + r, parent, rules));
    }
    return MeshDocuments.snapshot(version, String.join("---\n", documents), endpoints);
  }
}
