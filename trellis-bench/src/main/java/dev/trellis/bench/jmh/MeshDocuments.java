package dev.trellis.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.config.ConfigException;
import dev.trellis.config.ConfigLoader;
import dev.trellis.config.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mesh documents for the benchmarks, written as YAML and parsed by {@link ConfigLoader}, then
 * packed into a {@link Snapshot} as the control plane sends one: the documents of the proxy's
 * scope and the endpoints of its services keyed {@code namespace/name}.
 *
 * <p>Every service lives in namespace {@code default}; endpoints get distinct IP literals (no name
 * is resolved when a view is built). Stateless.
 */
final class MeshDocuments {
  private MeshDocuments() {}

  /** A {@code Service} with one port named {@code main}. */
  static String service(String name, int port, String appProtocol) {
    return """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata:
          name: %s
        spec:
          ports:
            - name: main
              port: %d
              appProtocol: %s
        """.formatted(name, port, appProtocol);
  }

  /** An {@code HTTPRoute} named {@code name} on the service {@code parent}; {@code rules} is YAML indented 4. */
  static String httpRoute(String name, String parent, String rules) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: %s
        spec:
          parentRefs:
            - kind: Service
              name: %s
          rules:
        %s""".formatted(name, parent, rules);
  }

  /** A {@code GRPCRoute} named {@code name} on the service {@code parent}; {@code rules} is YAML indented 4. */
  static String grpcRoute(String name, String parent, String rules) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata:
          name: %s
        spec:
          parentRefs:
            - kind: Service
              name: %s
          rules:
        %s""".formatted(name, parent, rules);
  }

  /** A {@code TrafficPolicy} on {@code service}: least-request balancing and a request timeout. */
  static String leastRequestPolicy(String name, String service) {
    return """
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata:
          name: %s
        spec:
          targetRef:
            kind: Service
            name: %s
          loadBalancer:
            type: LeastRequest
          timeouts:
            request: 5s
        """.formatted(name, service);
  }

  /**
   * {@code count} healthy endpoints of the service numbered {@code serviceIndex}, at
   * {@code 10.<serviceIndex / 250>.<serviceIndex % 250>.<i + 1>:port}.
   */
  static List<Endpoint> endpoints(String service, int serviceIndex, int count, int port) {
    List<Endpoint> endpoints = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String address = "10." + (serviceIndex / 250) + "." + (serviceIndex % 250) + "." + (i + 1);
      endpoints.add(new Endpoint(service + "-" + i, address, port, Map.of("version", "v1"), "zone-a",
          Health.HEALTHY, null, null));
    }
    return endpoints;
  }

  /**
   * The snapshot of the documents in {@code yaml} (separated by "---") and {@code endpoints}.
   *
   * @throws IllegalArgumentException when a document does not validate (a mistake in a fixture)
   */
  static Snapshot snapshot(long version, String yaml, Map<String, List<Endpoint>> endpoints) {
    return new Snapshot(version, documents(yaml), endpoints);
  }

  /** The documents of {@code yaml} as the control plane stores and sends them. */
  static List<ObjectNode> documents(String yaml) {
    try {
      return ConfigLoader.load("bench-mesh.yaml", yaml).stream().map(Resource::document).toList();
    } catch (ConfigException e) {
      // Without the cause: JMH ships a failure to its host process serialized, and a
      // ConfigException's errors are not serializable. The message names every error.
      throw new IllegalArgumentException("benchmark mesh does not validate: " + e.getMessage());
    }
  }
}
