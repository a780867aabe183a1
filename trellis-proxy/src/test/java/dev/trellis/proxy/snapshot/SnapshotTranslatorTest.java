package dev.trellis.proxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.config.ConfigException;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import org.junit.jupiter.api.Test;

class SnapshotTranslatorTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String SERVICE =
      """
      {"apiVersion":"trellis.dev/v1alpha1","kind":"Service","metadata":{"name":"catalog"},
       "spec":{"ports":[{"name":"http","port":%d},{"name":"db","port":5432,"appProtocol":"tcp"}]}}""";
  static final String POLICY =
      """
      {"apiVersion":"trellis.dev/v1alpha1","kind":"TrafficPolicy","metadata":{"name":"catalog"},
       "spec":{"targetRef":{"kind":"Service","name":"catalog"},
               "loadBalancer":{"type":"ConsistentHash","consistentHash":{"header":{"name":"X-User"}}}}}""";

  static JsonNode snapshot(String resources, String endpoints) throws Exception {
    return JSON.readTree("{\"version\":42,\"resources\":[" + resources + "],\"endpoints\":{" + endpoints + "}}");
  }

  @Test
  void servicesPoliciesAndEndpointsBecomeDefinitions() throws Exception {
    MeshSnapshot mesh =
        SnapshotTranslator.translate(
            snapshot(
                SERVICE.formatted(8080) + "," + POLICY,
                "\"default/catalog\":[{\"id\":\"c1\",\"address\":\"127.0.0.1\",\"port\":9001,\"labels\":{\"v\":\"1\"},"
                    + "\"zone\":\"a\",\"health\":\"HEALTHY\"},{\"id\":\"c2\",\"address\":\"127.0.0.1\",\"port\":9002,"
                    + "\"health\":\"UNHEALTHY\"}],\"default/ghost\":[]"));
    assertThat(mesh.version()).isEqualTo(42);
    assertThat(mesh.services()).hasSize(1);
    ServiceDefinition catalog = mesh.services().get(0);
    assertThat(catalog.key()).isEqualTo(ServiceKey.of("catalog"));
    assertThat(catalog.ports())
        .containsExactly(new ServicePort(8080, AppProtocol.HTTP), new ServicePort(5432, AppProtocol.TCP));
    assertThat(catalog.balancer())
        .isEqualTo(new BalancerConfig(BalancerConfig.Kind.CONSISTENT_HASH, "x-user", null, false));
    assertThat(catalog.endpoints()).hasSize(2);
    assertThat(catalog.endpoints().get(0).endpoint().labels()).containsEntry("v", "1");
    assertThat(catalog.endpoints().get(0).endpoint().zone()).isEqualTo("a");
    assertThat(catalog.endpoints().get(1).health()).isEqualTo(EndpointHealth.UNHEALTHY);
  }

  @Test
  void everyErrorIsReportedInTheConfigurationFormat() throws Exception {
    JsonNode bad =
        snapshot(
            "{\"apiVersion\":\"trellis.dev/v1alpha1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":0}]}}",
            "\"default/catalog\":[{\"id\":\"c1\",\"address\":\"127.0.0.1\",\"port\":0,\"health\":\"FINE\"}],"
                + "\"nonamespace\":[]");
    assertThatThrownBy(() -> SnapshotTranslator.translate(bad))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors().stream().map(Object::toString))
                    .contains(
                        "snapshot 42: endpoints[\"default/catalog\"][0].port: 0 (expected: 1..65535)",
                        "snapshot 42: endpoints[\"default/catalog\"][0].health: \"FINE\" (expected: HEALTHY, UNHEALTHY or UNKNOWN)",
                        "snapshot 42: endpoints[\"nonamespace\"]: nonamespace (expected: a key \"namespace/service\")")
                    .anyMatch(s -> s.startsWith("snapshot 42 resources[0]: spec.ports[0].port: 0")));
  }

  @Test
  void aTranslatedSnapshotRoutesRequests() throws Exception {
    try (TestHttpApp app = TestHttpApp.start("catalog-1");
        SidecarProxy callee = Sidecars.serving(ServiceKey.of("catalog"), app.port());
        SidecarProxy caller = Sidecars.calling()) {
      MeshSnapshot mesh =
          SnapshotTranslator.translate(
              snapshot(
                  SERVICE.formatted(Sidecars.SERVICE_PORT),
                  "\"default/catalog\":[{\"id\":\"c1\",\"address\":\"127.0.0.1\",\"port\":"
                      + callee.inboundAddress().getPort() + ",\"health\":\"HEALTHY\"}]"));
      caller.apply(mesh);
      callee.apply(mesh);
      try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
        http.send("GET /via-snapshot HTTP/1.1\r\nHost: catalog\r\n\r\n");
        assertThat(http.read().body()).contains("app=catalog-1", "uri=/via-snapshot");
      }
      assertThat(caller.view().version()).isEqualTo(42);
    }
  }
}
