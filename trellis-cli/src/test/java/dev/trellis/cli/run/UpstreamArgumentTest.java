package dev.trellis.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.cli.UserError;
import dev.trellis.proxy.mesh.ServiceKey;
import org.junit.jupiter.api.Test;

class UpstreamArgumentTest {

  @Test
  void aNameAndPortInTheOwnNamespace() {
    UpstreamArgument upstream = UpstreamArgument.parse("catalog:9001", "shop");
    assertThat(upstream.service()).isEqualTo(new ServiceKey("shop", "catalog"));
    assertThat(upstream.localPort()).isEqualTo(9001);
    assertThat(upstream.environmentVariable()).isEqualTo("TRELLIS_UPSTREAM_CATALOG");
  }

  @Test
  void anotherNamespaceAndPortZero() {
    UpstreamArgument upstream = UpstreamArgument.parse("catalog-v2.shop:0", "default");
    assertThat(upstream.service()).isEqualTo(new ServiceKey("shop", "catalog-v2"));
    assertThat(upstream.localPort()).isZero();
    assertThat(upstream.environmentVariable()).isEqualTo("TRELLIS_UPSTREAM_CATALOG_V2_SHOP");
  }

  @Test
  void withoutAPortItIsRefusedSayingWhatWasExpected() {
    assertThatThrownBy(() -> UpstreamArgument.parse("catalog", "default"))
        .isInstanceOf(UserError.class)
        .hasMessage("--upstream: catalog (expected: SERVICE:LOCALPORT, SERVICE a name or name.namespace,"
            + " e.g. catalog:9001)");
  }

  @Test
  void anUpperCaseNameIsRefused() {
    assertThatThrownBy(() -> UpstreamArgument.parse("Catalog:1", "default"))
        .hasMessageStartingWith("--upstream: Catalog:1 (expected: SERVICE:LOCALPORT");
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> UpstreamArgument.parse("catalog:70000", "default"))
        .hasMessage("--upstream: catalog:70000 (expected: a port 0..65535 after the colon)");
    assertThatThrownBy(() -> UpstreamArgument.parse("catalog:x", "default"))
        .hasMessage("--upstream: catalog:x (expected: a port 0..65535 after the colon)");
  }
}
