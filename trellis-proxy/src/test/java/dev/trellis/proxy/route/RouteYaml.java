package dev.trellis.proxy.route;

import dev.trellis.config.ConfigLoader;
import dev.trellis.proxy.mesh.ServiceKey;
import java.util.Map;

/** Route tables from YAML, compiled as the snapshot translator does. */
public final class RouteYaml {
  private RouteYaml() {}

  /** The tables of the routes in {@code yaml} (documents separated by "---"). */
  public static Map<ServiceKey, RouteTable> tables(String yaml) {
    try {
      return RouteTables.build(ConfigLoader.load("routes.yaml", yaml), (service, port) -> null);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** An HTTPRoute named {@code name} on the service {@code parent}, with {@code rules} (YAML, indented 4). */
  public static String httpRoute(String name, String parent, String rules) {
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
}
