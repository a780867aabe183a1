package dev.trellis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshResourcesTest {

  private static List<Resource> shop() throws ConfigException {
    List<Resource> resources = new ArrayList<>(Texts.loadExample("services.yaml"));
    resources.addAll(Texts.loadExample("routes.yaml"));
    return resources;
  }

  @Test
  void namesADanglingBackendRefWithItsFileAndLine() throws ConfigException {
    MeshResources mesh = MeshResources.of(shop());

    assertThatThrownBy(mesh::ensureConsistent)
        .isInstanceOf(ConfigException.class)
        .hasMessage("routes.yaml:49: spec.rules[1].filters[1].requestMirror.backendRef:"
            + " catalog-shadow (expected: an existing Service shop/catalog-shadow)");
  }

  @Test
  void isConsistentOnceEveryReferenceResolves() throws ConfigException {
    Resource shadow = ConfigLoader.load("shadow.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: catalog-shadow, namespace: shop}
        spec: {ports: [{name: http, port: 8080}]}
        """).get(0);
    MeshResources mesh = MeshResources.of(shop()).with(List.of(shadow));

    mesh.ensureConsistent();
    ResourceKey catalog = new ResourceKey(ResourceKind.SERVICE, "shop", "catalog");
    assertThat(mesh.referrersOf(catalog)).extracting(e -> e.getValue().path()).containsExactly(
        "spec.parentRefs[0]", "spec.rules[1].backendRefs[0]", "spec.rules[2].backendRefs[0]");
    assertThat(mesh.without(shadow.key()).danglingReferences()).hasSize(1);
  }

  @Test
  void policiesNameTheirTargets() throws ConfigException {
    MeshResources mesh = MeshResources.of(Texts.loadExample("traffic-policies.yaml"));

    assertThat(mesh.danglingReferences()).extracting(ConfigError::toString).containsExactly(
        "traffic-policies.yaml:8: spec.targetRef: catalog (expected: an existing Service"
            + " shop/catalog)",
        "traffic-policies.yaml:70: spec.targetRef: payments (expected: an existing Service"
            + " shop/payments)",
        "traffic-policies.yaml:52: spec.targetRef: catalog-split (expected: an existing"
            + " HTTPRoute shop/catalog-split)");
  }

  @Test
  void theShopExampleIsAWholeConsistentMesh() throws ConfigException {
    MeshResources mesh = MeshResources.of(Texts.loadExample("shop-mesh.yaml"));

    mesh.ensureConsistent();
    assertThat(mesh.size()).isEqualTo(9);
    assertThat(mesh.list(ResourceKind.SERVICE)).extracting(r -> r.key().name())
        .containsExactly("catalog", "catalog-v2", "payments", "web");
    ResourceKey catalogV2 = new ResourceKey(ResourceKind.SERVICE, "default", "catalog-v2");
    assertThat(mesh.referrersOf(catalogV2)).extracting(e -> e.getKey().key().toString())
        .containsExactly("HTTPRoute default/catalog-split", "GRPCRoute default/catalog-grpc");
  }
}
