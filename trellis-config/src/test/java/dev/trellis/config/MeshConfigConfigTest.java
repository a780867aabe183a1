package dev.trellis.config;

import static dev.trellis.config.Texts.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.config.authz.AuthorizationAction;
import dev.trellis.config.mesh.MeshConfigSpec;
import dev.trellis.config.mesh.MtlsMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MeshConfigConfigTest {

  @Test
  void readsTheMeshConfig() throws ConfigException {
    Resource mesh = Texts.loadExample("mesh.yaml").get(0);

    assertThat(mesh.key()).isEqualTo(new ResourceKey(ResourceKind.MESH_CONFIG, "", "default"));
    assertThat(mesh.metadata().namespace()).isEmpty();
    assertThat(mesh.spec()).isEqualTo(new MeshConfigSpec("shop.example",
        new MeshConfigSpec.Mtls(MtlsMode.STRICT), AuthorizationAction.DENY,
        new MeshConfigSpec.Certificates(Duration.ofHours(12))));
  }

  @Test
  void anEmptyMeshConfigHasTheDefaults() throws ConfigException {
    Resource mesh = ConfigLoader.load("mesh.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: MeshConfig
        metadata: {name: default}
        """).get(0);

    assertThat(mesh.spec()).isEqualTo(MeshConfigSpec.DEFAULT);
    assertThat(MeshConfigSpec.DEFAULT.trustDomain()).isEqualTo("trellis.local");
    assertThat(MeshConfigSpec.DEFAULT.mtls().mode()).isEqualTo(MtlsMode.PERMISSIVE);
    assertThat(MeshConfigSpec.DEFAULT.certificates().workloadTtl()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void refusesNamespacesOtherNamesAndBadValues() {
    assertThat(errors("mesh.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: MeshConfig
        metadata:
          name: prod
          namespace: default
        spec:
          trustDomain: Trellis_Local
          mtls: {mode: strict}
          defaultAuthorization: NONE
          certificates: {workloadTTL: 1m}
        """)).containsExactly(
        "mesh.yaml:4: metadata.name: prod (expected: default: there is one MeshConfig per mesh)",
        "mesh.yaml:5: metadata.namespace: default (expected: no namespace: MeshConfig applies to"
            + " the whole mesh)",
        "mesh.yaml:7: spec.trustDomain: Trellis_Local (expected: a DNS name such as"
            + " trellis.local (lower-case letters, digits, '-' and '.'))",
        "mesh.yaml:8: spec.mtls.mode: strict (expected: one of STRICT, PERMISSIVE)",
        "mesh.yaml:9: spec.defaultAuthorization: NONE (expected: one of ALLOW, DENY)",
        "mesh.yaml:10: spec.certificates.workloadTTL: 1m (expected: >= 10m)");
  }
}
