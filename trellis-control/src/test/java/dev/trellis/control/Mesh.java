package dev.trellis.control;

/** Small mesh documents for tests. */
public final class Mesh {
  private Mesh() {}

  public static String service(String name) {
    return """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata:
          name: %s
        spec:
          ports:
            - name: http
              port: 8080
        """.formatted(name);
  }

  /** An HTTPRoute attached to {@code parent} that sends everything to {@code backends}. */
  public static String route(String name, String parent, String... backends) {
    StringBuilder refs = new StringBuilder();
    for (String backend : backends) {
      refs.append("        - name: ").append(backend).append("\n          port: 8080\n");
    }
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: %s
        spec:
          parentRefs:
            - kind: Service
              group: ""
              name: %s
              port: 8080
          rules:
            - backendRefs:
        %s""".formatted(name, parent, refs);
  }

  public static String docs(String... documents) {
    return String.join("---\n", documents);
  }

  /** A TrafficPolicy on {@code service} with an active HTTP check of {@code path}, fast for tests. */
  public static String httpHealthCheck(String name, String service, String path) {
    return """
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata:
          name: %s
        spec:
          targetRef:
            kind: Service
            name: %s
          healthCheck:
            type: HTTP
            http:
              path: %s
              expectedStatuses: [200]
            interval: 300ms
            timeout: 250ms
            healthyThreshold: 2
            unhealthyThreshold: 2
        """.formatted(name, service, path);
  }

  /**
   * A TrafficPolicy on {@code service} with an active TCP check, fast for tests. (The HTTP check
   * above allows 250 ms per probe: tests read its detail, which a slow probe on a loaded machine
   * would turn from the status into a timeout.)
   */
  public static String tcpHealthCheck(String name, String service) {
    return """
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata:
          name: %s
        spec:
          targetRef:
            kind: Service
            name: %s
          healthCheck:
            type: TCP
            interval: 100ms
            timeout: 80ms
            unhealthyThreshold: 1
        """.formatted(name, service);
  }

  /** An AuthorizationPolicy denying /admin on {@code service}, or namespace-wide when null. */
  public static String denyAdmin(String name, String service) {
    String target = service == null ? "" : """
          targetRef:
            kind: Service
            name: %s
        """.formatted(service);
    return """
        apiVersion: trellis.dev/v1alpha1
        kind: AuthorizationPolicy
        metadata:
          name: %s
        spec:
        %s  action: DENY
          rules:
            - to:
                - paths: [/admin*]
        """.formatted(name, target);
  }
}
