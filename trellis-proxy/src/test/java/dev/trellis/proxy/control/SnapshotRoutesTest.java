package dev.trellis.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.watch.Snapshot;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.route.RouteTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routes in a snapshot end up on the definitions of their parent services. */
class SnapshotRoutesTest {
  static final String ROUTE = """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: catalog-split
      spec:
        parentRefs:
          - kind: Service
            name: catalog
            sectionName: main
          - kind: Service
            name: reviews
            sectionName: nope
        rules:
          - backendRefs:
              - name: catalog
                weight: 90
              - name: catalog-v2
                weight: 10
      """;

  static ServiceDefinition named(List<ServiceDefinition> services, String name) {
    return services.stream().filter(s -> s.key().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void routeAttachesToItsParentOnTheNamedPortOnly() throws Exception {
    Snapshot snapshot = new Snapshot(3,
        MeshDocs.documents(
            MeshDocs.service("catalog", 8080, "http"),
            MeshDocs.service("catalog-v2", 8080, "http"),
            MeshDocs.service("reviews", 9090, "http"),
            ROUTE),
        Map.of());

    List<ServiceDefinition> services = SnapshotTranslator.translate(snapshot).services();

    assertThat(named(services, "catalog").routes().httpByPort()).containsOnlyKeys(8080);
    assertThat(named(services, "catalog-v2").routes()).isEqualTo(RouteTable.NONE);
    // reviews has no port named "nope": the route does not attach there.
    assertThat(named(services, "reviews").routes().isEmpty()).isTrue();
  }
}
