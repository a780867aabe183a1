package dev.trellis.proxy.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.pool.PoolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every proxy config record refuses bad values naming the field, the value and the expectation. */
class ConfigValidationTest {
  static final LocalApp APP = new LocalApp(ServiceKey.of("web"), Map.of(), AppProtocol.HTTP);

  @Test
  void poolSettings() {
    assertThatThrownBy(() -> new PoolSettings(Duration.ZERO, Duration.ofSeconds(1), 1, 1))
        .hasMessage("connectTimeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> new PoolSettings(Duration.ofSeconds(1), Duration.ofSeconds(-1), 1, 1))
        .hasMessage("idleTimeout: PT-1S (expected: > 0)");
    assertThatThrownBy(() -> new PoolSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 1))
        .hasMessage("maxConnectionsPerEndpoint: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new PoolSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 0))
        .hasMessage("maxStreamsPerConnection: 0 (expected: >= 1)");
  }

  @Test
  void sidecarConfig() {
    assertThatThrownBy(
            () -> new SidecarConfig(APP, "127.0.0.1", "127.0.0.1", 70000, 0, List.of(), PoolSettings.DEFAULT, 1))
        .hasMessage("inboundPort: 70000 (expected: 0..65535)");
    assertThatThrownBy(() -> new SidecarConfig(APP, "127.0.0.1", "127.0.0.1", 0, -1, List.of(), PoolSettings.DEFAULT, 1))
        .hasMessage("outboundHttpPort: -1 (expected: 0..65535)");
    assertThatThrownBy(() -> SidecarConfig.of(APP).withIoThreads(0)).hasMessage("ioThreads: 0 (expected: >= 1)");
  }

  @Test
  void upstreamPortLocalAppAndServicePort() {
    assertThatThrownBy(() -> new UpstreamPort(ServiceKey.of("db"), 0, 65536))
        .hasMessage("localPort: 65536 (expected: 0..65535)");
    assertThatThrownBy(() -> new UpstreamPort(ServiceKey.of("db"), -2, 0))
        .hasMessage("servicePort: -2 (expected: 0..65535)");
    assertThatThrownBy(() -> new LocalApp(ServiceKey.of("web"), Map.of(8080, 0), AppProtocol.HTTP))
        .hasMessage("appPorts[8080]: 0 (expected: 1..65535)");
    assertThatThrownBy(() -> new ServicePort(0, AppProtocol.TCP)).hasMessage("port: 0 (expected: 1..65535)");
  }

  @Test
  void appProtocol() {
    assertThatThrownBy(() -> AppProtocol.parse("smtp")).hasMessage("smtp (expected: http, http2, grpc, tcp)");
  }
}
