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
}
