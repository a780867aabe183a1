package dev.trellis.proxy.metrics;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.NettyTestServer;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestApps;
import dev.trellis.testkit.metrics.PrometheusText;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opaque TCP through an upstream port and a tunnel between two real sidecars: each counts the
 * connections it relayed and the bytes either way.
 */
class TcpMetricsTest {
  static final ServiceKey DB = ServiceKey.of("db");
  static NettyTestServer app;
  static SidecarProxy callee;
  static SidecarProxy caller;

  @BeforeAll
  static void start() throws Exception {
    app = TestApps.tcpEcho();
    callee = Sidecars.serving(DB, app.port());
    caller = Sidecars.calling(UpstreamPort.of(DB));
    Sidecars.apply(List.of(service("db", AppProtocol.TCP, endpointOf("d1", callee))), caller, callee);
  }

  @AfterAll
  static void stop() {
    caller.close();
    callee.close();
    app.close();
  }

  @Test
  void connectionsAndBytesAreCountedOnBothSidecars() throws Exception {
    byte[] payload = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    InetSocketAddress port = caller.upstreamAddress(DB);
    for (int i = 0; i < 2; i++) {
      try (Socket socket = new Socket(port.getAddress(), port.getPort())) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(payload);
        socket.shutdownOutput();
        assertThat(socket.getInputStream().readAllBytes()).hasSize(payload.length);
      }
    }

    Map<String, String> outbound = Map.of("direction", "outbound", "namespace", "default", "service", "db");
    Map<String, String> inbound = Map.of("direction", "inbound", "namespace", "default", "service", "db");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (var side : List.of(Map.entry(caller, outbound), Map.entry(callee, inbound))) {
        PrometheusText scrape = PrometheusText.parse(
            new String(side.getKey().metrics().scrape(), StandardCharsets.UTF_8));
        assertThat(scrape.sum("trellis_tcp_connections_opened_total", side.getValue())).isEqualTo(2);
        assertThat(scrape.sum("trellis_tcp_connections_closed_total", side.getValue())).isEqualTo(2);
        assertThat(scrape.sum("trellis_tcp_received_bytes_total", side.getValue())).isEqualTo(2000);
        assertThat(scrape.sum("trellis_tcp_sent_bytes_total", side.getValue())).isEqualTo(2000);
      }
    });
  }
}
