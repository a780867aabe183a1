package dev.trellis.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotTranslatorTest {

  private static Endpoint endpoint(String id, int port, Health health) {
    return new Endpoint(id, "127.0.0.1", port, Map.of("track", "stable"), "z1", health, null, null);
  }

  @Test
  void requestTimeoutComesFromTheServicesPolicy() throws Exception {
    Snapshot snapshot = new Snapshot(8,
        MeshDocs.documents(
            MeshDocs.service("catalog", 8080, "http"),
            MeshDocs.policy("catalog-timeouts", "catalog", "  timeouts:\n    request: 2s\n"),
            MeshDocs.service("reviews", 8080, "http")),
        Map.of());

    List<ServiceDefinition> services = SnapshotTranslator.translate(snapshot).services();

    assertThat(services).filteredOn(s -> s.key().name().equals("catalog")).singleElement()
        .satisfies(s -> assertThat(s.policy().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(2)));
    assertThat(services).filteredOn(s -> s.key().name().equals("reviews")).singleElement()
        .satisfies(s -> assertThat(s.policy().requestTimeout()).isNull());
  }

  @Test
  void servicesGetTheirPortsEndpointsAndBalancer() throws Exception {
    Snapshot snapshot = new Snapshot(7,
        MeshDocs.documents(
            MeshDocs.service("catalog", 8080, "http2"),
            MeshDocs.policy("catalog-lb", "catalog", "  loadBalancer:\n    type: RoundRobin\n")),
        Map.of("default/catalog", List.of(
            endpoint("catalog-1", 9001, Health.HEALTHY), endpoint("catalog-2", 9002, Health.UNHEALTHY))));

    TranslatedSnapshot translated = SnapshotTranslator.translate(snapshot);

    assertThat(translated.version()).isEqualTo(7);
    assertThat(translated.resources()).hasSize(2);
    ServiceDefinition catalog = translated.services().getFirst();
    assertThat(catalog.key()).isEqualTo(ServiceKey.of("catalog"));
    assertThat(catalog.ports()).containsExactly(new ServicePort(8080, AppProtocol.HTTP2));
    assertThat(catalog.balancer()).isEqualTo(BalancerConfig.of(BalancerConfig.Kind.ROUND_ROBIN));
    assertThat(catalog.endpoints()).extracting(e -> e.endpoint().address() + " " + e.health())
        .containsExactly("127.0.0.1:9001 HEALTHY", "127.0.0.1:9002 UNHEALTHY");
    assertThat(catalog.endpoints().getFirst().endpoint().zone()).isEqualTo("z1");
    assertThat(catalog.endpoints().getFirst().endpoint().labels()).containsEntry("track", "stable");
  }

  @Test
  void endpointsWithoutAServiceDocumentHaveNoPortsAndAServiceWithoutEndpointsHasNone() throws Exception {
    Snapshot snapshot = new Snapshot(3, MeshDocs.documents(MeshDocs.service("web", 8080, "http")),
        Map.of("default/catalog", List.of(endpoint("catalog-1", 9001, Health.UNKNOWN))));

    List<ServiceDefinition> services = SnapshotTranslator.translate(snapshot).services();

    assertThat(services).extracting(ServiceDefinition::key)
        .containsExactly(ServiceKey.of("catalog"), ServiceKey.of("web"));
    assertThat(services.get(0).ports()).isEmpty();
    assertThat(services.get(0).endpoints().getFirst().health()).isEqualTo(EndpointHealth.UNKNOWN);
    assertThat(services.get(0).balancer()).isEqualTo(BalancerConfig.DEFAULT);
    assertThat(services.get(1).endpoints()).isEmpty();
  }

  @Test
  void consistentHashMapsItsKeyAndTheFirstPolicyByNameWithALoadBalancerWins() throws Exception {
    Snapshot snapshot = new Snapshot(9,
        MeshDocs.documents(
            MeshDocs.service("catalog", 8080, "http"),
            // No loadBalancer section: says nothing about balancing, so it must not win.
            MeshDocs.policy("a-retries", "catalog", "  retries:\n    attempts: 1\n"),
            MeshDocs.policy("b-hash", "catalog",
                "  loadBalancer:\n    type: ConsistentHash\n    consistentHash:\n      header:\n        name: X-User\n"),
            MeshDocs.policy("c-random", "catalog", "  loadBalancer:\n    type: Random\n")),
        Map.of());

    ServiceDefinition catalog = SnapshotTranslator.translate(snapshot).services().getFirst();

    assertThat(catalog.balancer())
        .isEqualTo(new BalancerConfig(BalancerConfig.Kind.CONSISTENT_HASH, "x-user", null, false));
  }

  @Test
  void anInvalidDocumentIsRefusedNamingTheSnapshotTheDocumentAndTheField() {
    List<ObjectNode> documents = new ArrayList<>(MeshDocs.documents(MeshDocs.service("catalog", 8080, "http")));
    ObjectNode broken = documents.getFirst().deepCopy();
    ((ObjectNode) broken.get("spec").get("ports").get(0)).put("port", 0);
    ((ObjectNode) broken.get("spec")).put("colour", "blue");
    documents.set(0, broken);

    assertThatThrownBy(() -> SnapshotTranslator.translate(new Snapshot(12, documents, Map.of())))
        .isInstanceOf(SnapshotRejected.class)
        .satisfies(e -> assertThat(((SnapshotRejected) e).problems()).containsExactlyInAnyOrder(
            "snapshot 12 Service default/catalog: spec.ports[0].port: 0 (expected: 1..65535)",
            "snapshot 12 Service default/catalog: spec.colour: unknown field (expected: one of ports)"));
  }

  @Test
  void aBadEndpointIsRefusedNamingItsListAndField() {
    Snapshot snapshot = new Snapshot(4, List.of(), Map.of(
        "default/catalog", List.of(endpoint("catalog-1", 9001, Health.HEALTHY),
            new Endpoint("catalog-2", " ", 0, Map.of(), "", null, null, null)),
        "no-slash", List.of()));

    assertThatThrownBy(() -> SnapshotTranslator.translate(snapshot))
        .isInstanceOf(SnapshotRejected.class)
        .satisfies(e -> assertThat(((SnapshotRejected) e).problems()).containsExactlyInAnyOrder(
            "snapshot 4: endpoints[\"default/catalog\"][1].address: \" \" (expected: an IP address or host name)",
            "snapshot 4: endpoints[\"default/catalog\"][1].port: 0 (expected: 1..65535)",
            "snapshot 4: endpoints[\"default/catalog\"][1].health: missing (expected: HEALTHY, UNHEALTHY or UNKNOWN)",
            "snapshot 4: endpoints[\"no-slash\"]: no-slash (expected: a key namespace/name)"));
  }
}
