package dev.trellis.proxy.pool;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pooled connections are reused while busy and closed once idle for the idle timeout. */
class IdleExpiryTest {
  @Test
  void localAppConnectionIsReusedThenClosedWhenIdle() throws Exception {
    PoolSettings shortIdle = new PoolSettings(Duration.ofSeconds(1), Duration.ofMillis(300), 2, 100);
    LocalApp local = new LocalApp(ServiceKey.of("catalog"), Map.of(), AppProtocol.HTTP);
    try (TestHttpApp app = TestHttpApp.start("catalog-1");
        SidecarProxy callee =
            new SidecarProxy(
                    SidecarConfig.of(
                            new LocalApp(local.service(), Map.of(Sidecars.SERVICE_PORT, app.port()), AppProtocol.HTTP))
                        .withIoThreads(1)
                        .withPools(shortIdle))
                .start();
        SidecarProxy caller = Sidecars.calling()) {
      Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, endpointOf("c1", callee))), caller, callee);
      try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
        for (int i = 0; i < 3; i++) {
          http.send("GET /x HTTP/1.1\r\nHost: catalog\r\n\r\n");
          assertThat(http.read().status()).isEqualTo(200);
        }
      }
      assertThat(app.connections()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> app.openConnections() == 0);
      try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
        http.send("GET /after-idle HTTP/1.1\r\nHost: catalog\r\n\r\n");
        assertThat(http.read().body()).contains("uri=/after-idle");
      }
      assertThat(app.connections()).isEqualTo(2);
    }
  }
}
