package dev.trellis.config;

import static dev.trellis.config.Texts.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.config.route.HttpRouteSpec;
import dev.trellis.config.service.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every kind shares: parsing, the envelope, and how errors are reported. */
class ConfigLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsEveryErrorOfEveryDocumentWithItsLine() {
    assertThat(errors("mesh/all.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{name: http, port: 70000}]
        ---
        # a valid one in between
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: api}
        spec:
          ports: [{name: http, port: 80}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r, namespace: Shop}
        spec:
          parentRefs: [{kind: Service, name: web}]
          rules:
            - backendRefs:
                - name: api
                  weight: 2000000
        """)).containsExactly(
        "mesh/all.yaml:5: spec.ports[0].port: 70000 (expected: 1..65535)",
        "mesh/all.yaml:16: metadata.namespace: Shop (expected: a DNS label: at most 63"
            + " lower-case letters, digits and '-', starting and ending with a letter or digit)",
        "mesh/all.yaml:22: spec.rules[0].backendRefs[0].weight: 2000000 (expected: 0..1000000)");
  }

  @Test
  void refusesDuplicateKeysAtAnyDepth() {
    assertThat(errors("dup.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata:
          name: web
          name: web2
        spec:
          ports:
            - name: http
              port: 80
              port: 81
        """)).containsExactly(
        "dup.yaml:5: metadata.name: duplicate key (expected: each key at most once in a mapping"
            + " (first at line 4))",
        "dup.yaml:10: spec.ports[0].port: duplicate key (expected: each key at most once in a"
            + " mapping (first at line 9))");
  }

  @Test
  void refusesWrongApiVersionUnknownKindAndDocumentsThatAreNotMappings() {
    assertThat(errors("k.yaml", """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{name: http, port: 80}]}
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Deployment
        metadata: {name: web}
        spec: {}
        ---
        - just
        - a list
        ---
        metadata: {name: x}
        """)).containsExactly(
        "k.yaml:1: apiVersion: v1 (expected: trellis.dev/v1alpha1 for kind Service)",
        "k.yaml:7: kind: Deployment (expected: one of Service, TrafficPolicy,"
            + " AuthorizationPolicy, MeshConfig, HTTPRoute, GRPCRoute)",
        "k.yaml:11: (document): a list (expected: a mapping with apiVersion, kind, metadata and"
            + " spec)",
        "k.yaml:14: kind: missing (expected: one of Service, TrafficPolicy, AuthorizationPolicy,"
            + " MeshConfig, HTTPRoute, GRPCRoute)");
  }

  @Test
  void refusesUnknownTopLevelAndMetadataFields() {
    assertThat(errors("u.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web, owner: me}
        spec: {ports: [{name: http, port: 80}]}
        specs: {}
        """)).containsExactly(
        "u.yaml:3: metadata.owner: unknown field (expected: one of name, namespace, labels,"
            + " annotations, resourceVersion, generation, uid, creationTimestamp)",
        "u.yaml:5: specs: unknown field (expected: one of kind, apiVersion, metadata, status,"
            + " spec)");
  }

  @Test
  void refusesTwoDocumentsWithTheSameKey() {
    assertThat(errors("twice.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{name: http, port: 80}]}
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web, namespace: default}
        spec: {ports: [{name: http, port: 81}]}
        """)).containsExactly(
        "twice.yaml:6: metadata.name: web (expected: a name no other Service in namespace"
            + " default has in what is applied together (the document at line 1 has it))");
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheirLine() {
    assertThat(errors("bad.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web
        spec: {}
        """)).containsExactly("bad.yaml:4: (document): expected ',' or '}', but got :"
        + " (while parsing a flow mapping started at line 3) (expected: well-formed YAML)");
  }

  @Test
  void refusesYamlAliasesOnceAndQuotesValuesThatWouldNotReadBack() {
    assertThat(errors("alias.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec:
          ports:
            - &http {name: "http ", port: 80}
            - *http
        """)).containsExactly(
        "alias.yaml:6: spec.ports[0].name: \"http \" (expected: a DNS label: at most 63"
            + " lower-case letters, digits and '-', starting and ending with a letter or digit)",
        "alias.yaml:7: spec.ports[1]: *http (expected: a value written out (YAML aliases are"
            + " not supported))");
  }

  @Test
  void skipsEmptyDocumentsAndComments() throws ConfigException {
    assertThat(ConfigLoader.load("empty.yaml", "")).isEmpty();
    assertThat(ConfigLoader.load("empty.yaml", "# nothing here\n---\n---\n")).isEmpty();
    assertThat(ConfigLoader.load("one.yaml", """
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{name: http, port: 80}]}
        ---
        """)).hasSize(1);
  }

  @Test
  void readsJsonObjectsAndArraysWithLines() throws ConfigException {
    Resource one = ConfigLoader.load("svc.json", """
        {"apiVersion": "trellis.dev/v1alpha1", "kind": "Service",
         "metadata": {"name": "web"}, "spec": {"ports": [{"name": "http", "port": 80}]}}
        """).get(0);
    assertThat(one.spec(ServiceSpec.class).ports().get(0).port()).isEqualTo(80);

    assertThat(errors("all.json", """
        [
          {"apiVersion": "trellis.dev/v1alpha1", "kind": "Service",
           "metadata": {"name": "web"}, "spec": {"ports": [{"name": "http", "port": 80}]}},
          {"apiVersion": "trellis.dev/v1alpha1", "kind": "Service",
           "metadata": {"name": "api"},
           "spec": {"ports": [{"name": "http", "port": "80"}]}}
        ]
        """)).containsExactly(
        "all.json:6: spec.ports[0].port: 80 (expected: an integer 1..65535)");
    assertThat(errors("dup.json", """
        {"apiVersion": "trellis.dev/v1alpha1", "kind": "Service", "kind": "Service"}
        """)).first().asString().startsWith("dup.json:1: kind: duplicate key");
  }

  @Test
  void dropsStatusAndReadOnlyMetadataSoThatGetOutputCanBeAppliedBack() throws ConfigException {
    Resource web = ConfigLoader.load("web.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata:
          name: web
          resourceVersion: "12"
          generation: 3
          uid: 0b6c
          creationTimestamp: "2026-11-24T10:00:00Z"
          labels: {app: web}
        spec:
          ports: [{name: http, port: 80}]
        status:
          endpoints: 3
        """).get(0);

    assertThat(web.document().has("status")).isFalse();
    assertThat(web.document().path("metadata").properties()).extracting(e -> e.getKey())
        .containsExactly("name", "labels");
  }

  @Test
  void fromDocumentReadsWhatLoadProducedAndReportsWithoutLines() throws Exception {
    List<Resource> loaded = new ArrayList<>();
    for (String example : List.of("services.yaml", "routes.yaml", "grpc-routes.yaml",
        "traffic-policies.yaml", "authorization.yaml", "mesh.yaml")) {
      loaded.addAll(Texts.loadExample(example));
    }
    for (Resource resource : loaded) {
      // Through text, as the store and the wire carry it.
      JsonNode wire = JSON.readTree(JSON.writeValueAsString(resource.document()));
      Resource again = ConfigLoader.fromDocument("store", wire);

      assertThat(again.key()).isEqualTo(resource.key());
      assertThat(again.metadata()).isEqualTo(resource.metadata());
      assertThat(again.document()).isEqualTo(resource.document());
      assertThat(again.line()).isZero();
      assertThat(again.spec()).usingRecursiveComparison().ignoringFields("references")
          .isEqualTo(resource.spec());
      assertThat(again.spec().references()).extracting(Reference::path, Reference::target)
          .isEqualTo(resource.spec().references().stream()
              .map(r -> org.assertj.core.groups.Tuple.tuple(r.path(), r.target())).toList());
    }

    ObjectNode broken = loaded.get(0).document().deepCopy();
    ((ObjectNode) broken.path("spec").path("ports").get(0)).put("port", 0);
    assertThatThrownBy(() -> ConfigLoader.fromDocument("store", broken))
        .isInstanceOf(ConfigException.class)
        .hasMessage("store: spec.ports[0].port: 0 (expected: 1..65535)");
  }

  @Test
  void fromDocumentRefusesWhatIsNotAMapping() {
    assertThatThrownBy(() -> ConfigLoader.fromDocument("wire", JSON.readTree("[1]")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("wire: (document): a list (expected: a mapping with apiVersion, kind,"
            + " metadata and spec)");
  }

  @Test
  void documentIsAsWrittenWithoutDefaults() throws ConfigException {
    Resource route = Texts.loadExample("routes.yaml").get(0);
    JsonNode fallback = route.document().path("spec").path("rules").get(2);

    assertThat(fallback.has("matches")).isFalse();
    assertThat(fallback.path("backendRefs").get(0).has("weight")).isFalse();
    assertThat(route.spec(HttpRouteSpec.class).rules().get(2).backendRefs().get(0).weight())
        .isEqualTo(1);
  }

  @Test
  void loadAllGivesBackTheValidDocumentsWithTheErrorsAndTheKeysThatFailed() {
    LoadResult result = ConfigLoader.loadAll(List.of(
        new ConfigLoader.Text("services.yaml", """
            apiVersion: trellis.dev/v1alpha1
            kind: Service
            metadata: {name: catalog}
            spec: {ports: [{name: http, port: 0}]}
            ---
            apiVersion: trellis.dev/v1alpha1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{name: http, port: 80}]}
            """),
        new ConfigLoader.Text("more.yaml", """
            apiVersion: trellis.dev/v1alpha1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{name: http, port: 81}]}
            """)));

    assertThat(result.resources()).extracting(r -> r.key().toString())
        .containsExactly("Service default/web");
    assertThat(result.failedKeys()).extracting(ResourceKey::toString)
        .containsExactly("Service default/catalog");
    assertThat(result.errors()).extracting(ConfigError::toString).satisfiesExactly(
        port -> assertThat(port).startsWith("services.yaml:4: spec.ports[0].port: 0 (expected: "),
        twice -> assertThat(twice).isEqualTo("more.yaml:1: metadata.name: web (expected: a name"
            + " no other Service in namespace default has in what is applied together (the"
            + " document at services.yaml:6 has it))"));
  }
}
