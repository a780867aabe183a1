package dev.trellis.proxy.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.config.ConfigLoader;
import dev.trellis.config.Resource;
import java.util.List;

/** Mesh documents for the link's tests, as YAML for the control plane or as parsed documents. */
final class MeshDocs {
  private MeshDocs() {}

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

  /** A TrafficPolicy on {@code service} whose load balancer section is {@code loadBalancer} (YAML, indented 4). */
  static String policy(String name, String service, String loadBalancer) {
    return """
        apiVersion: trellis.dev/v1alpha1
        kind: TrafficPolicy
        metadata:
          name: %s
        spec:
          targetRef:
            kind: Service
            name: %s
        %s""".formatted(name, service, loadBalancer);
  }

  /** The documents of {@code yaml} as the control plane would send them. */
  static List<ObjectNode> documents(String... yaml) {
    try {
      return ConfigLoader.load("test.yaml", String.join("---\n", yaml)).stream()
          .map(Resource::document)
          .toList();
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
