package dev.trellis.config;

import static dev.trellis.config.Texts.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.config.service.AppProtocol;
import dev.trellis.config.service.ServicePort;
import dev.trellis.config.service.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

  @Test
  void readsServicesWithDefaults() throws ConfigException {
    List<Resource> resources = Texts.loadExample("services.yaml");

    assertThat(resources).extracting(r -> r.key().toString())
        .containsExactly("Service shop/catalog", "Service shop/catalog-v2");
    Resource catalog = resources.get(0);
    assertThat(catalog.line()).isEqualTo(2);
    assertThat(catalog.metadata().labels()).isEqualTo(Map.of("team", "catalog"));
    assertThat(catalog.spec(ServiceSpec.class).ports()).containsExactly(
        new ServicePort("http", 8080, AppProtocol.HTTP),
        new ServicePort("grpc", 9090, AppProtocol.GRPC));
    assertThat(resources.get(1).spec(ServiceSpec.class).ports())
        .containsExactly(new ServicePort("http", 8080, AppProtocol.HTTP2));
    assertThat(catalog.spec().references()).isEmpty();
  }

  @Test
  void namespaceDefaultsAndDocumentStaysAsWritten() throws ConfigException {
    Resource web = ConfigLoader.load("web.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{name: http, port: 80}]
        """).get(0);

    assertThat(web.key()).isEqualTo(new ResourceKey(ResourceKind.SERVICE, "default", "web"));
    assertThat(web.document().path("metadata").has("namespace")).isFalse();
    assertThat(web.document().path("spec").path("ports").get(0).has("appProtocol")).isFalse();
  }

  @Test
  void refusesBadPorts() {
    assertThat(errors("svc.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata:
          name: Catalog
        spec:
          ports:
            - name: http
              port: 0
            - name: http
              port: "8080"
              appProtocol: HTTP
            - name: admin
              port: 9000
              protocol: tcp
        """)).containsExactly(
        "svc.yaml:4: metadata.name: Catalog (expected: a DNS label: at most 63 lower-case"
            + " letters, digits and '-', starting and ending with a letter or digit)",
        "svc.yaml:8: spec.ports[0].port: 0 (expected: 1..65535)",
        "svc.yaml:9: spec.ports[1].name: http (expected: a name no other port has"
            + " (ports[0] has it))",
        "svc.yaml:10: spec.ports[1].port: 8080 (expected: an integer 1..65535)",
        "svc.yaml:11: spec.ports[1].appProtocol: HTTP (expected: one of http, http2, grpc, tcp)",
        "svc.yaml:14: spec.ports[2].protocol: unknown field"
            + " (expected: one of name, port, appProtocol)");
  }

  @Test
  void refusesMissingAndEmptyPorts() {
    assertThat(errors("a.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: a}
        spec: {}
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: b}
        spec:
          ports: []
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: c}
        spec:
          ports:
            - {name: a, port: 80}
            - {name: b, port: 80}
        """)).containsExactly(
        "a.yaml:4: spec.ports: missing (expected: a list of 1..64 items)",
        "a.yaml:10: spec.ports: 0 items (expected: a list of 1..64 items)",
        "a.yaml:18: spec.ports[1].port: 80 (expected: a port no other port entry has"
            + " (ports[0] has it))");
  }
}
