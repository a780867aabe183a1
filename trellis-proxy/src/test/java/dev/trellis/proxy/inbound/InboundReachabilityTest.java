package dev.trellis.proxy.inbound;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.H2Client;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound listener serves the local service's declared ports and nothing else: a peer naming
 * another loopback port (an admin port, say) is refused with 403, one naming another service
 * with 421, over HTTP/2 and over a tunnel alike, before and after the first snapshot.
 */
class InboundReachabilityTest {
  static final ServiceKey CATALOG = ServiceKey.of("catalog");

  TestHttpApp app;
  TestHttpApp secret;
  SidecarProxy callee;

  @BeforeEach
  void start() throws Exception {
    app = TestHttpApp.start("catalog-1");
    secret = TestHttpApp.start("admin");
    callee = Sidecars.serving(CATALOG, app.port());
  }

  @AfterEach
  void stop() {
    callee.close();
    app.close();
    secret.close();
  }

  @Test
  void beforeTheFirstSnapshotOnlyConfiguredPortsAreServed() throws Exception {
    try (H2Client client = new H2Client(callee.inboundAddress())) {
      H2Client.Response ok = get(client, "catalog.default:" + Sidecars.SERVICE_PORT);
      assertThat(ok.headers().status().toString()).isEqualTo("200");

      H2Client.Response denied = get(client, "catalog.default:" + secret.port());
      assertThat(denied.headers().status().toString()).isEqualTo("403");
      assertThat(denied.headers().get("x-trellis-error").toString())
          .isEqualTo("port not served: catalog declares no port " + secret.port());
    }
    assertThat(secret.connections()).isZero();
  }

  @Test
  void afterASnapshotOnlyDeclaredPortsAreServed() throws Exception {
    Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, endpointOf("c1", callee))), callee);
    try (H2Client client = new H2Client(callee.inboundAddress())) {
      assertThat(get(client, "catalog.default:" + Sidecars.SERVICE_PORT).headers().status().toString())
          .isEqualTo("200");
      assertThat(get(client, "catalog.default:" + secret.port()).headers().status().toString())
          .isEqualTo("403");
    }
    assertThat(secret.connections()).isZero();
  }

  @Test
  void anotherServiceNameIsMisdirectedWhileCaseAndTrailingDotDoNotMatter() throws Exception {
    try (H2Client client = new H2Client(callee.inboundAddress())) {
      H2Client.Response other = get(client, "billing.default:" + Sidecars.SERVICE_PORT);
      assertThat(other.headers().status().toString()).isEqualTo("421");
      assertThat(other.headers().get("x-trellis-error").toString())
          .startsWith("misdirected request: billing.default is not served here");

      assertThat(get(client, "Catalog.Default.:" + Sidecars.SERVICE_PORT).headers().status().toString())
          .isEqualTo("200");
    }
  }

  @Test
  void aTunnelToAnUndeclaredPortIsRefusedAndClosed() throws Exception {
    String refused = tunnel("catalog.default", secret.port());
    assertThat(refused)
        .startsWith("HTTP/1.1 403 Forbidden\r\n")
        .contains("x-trellis-error: port not served: catalog declares no port " + secret.port());
    assertThat(tunnel("billing.default", Sidecars.SERVICE_PORT))
        .startsWith("HTTP/1.1 421 Misdirected Request\r\n");
    assertThat(secret.connections()).isZero();

    // The declared port is still reachable through a tunnel.
    assertThat(tunnel("catalog.default", Sidecars.SERVICE_PORT)).startsWith("HTTP/1.1 200 OK\r\n");
  }

  private static H2Client.Response get(H2Client client, String destination) throws Exception {
    return client.send("GET", "/", "catalog", null, Map.of("x-trellis-dst", destination));
  }

  /** Opens a tunnel to {@code authority}:{@code port}, sends a request, reads until the close. */
  private String tunnel(String authority, int port) throws Exception {
    InetSocketAddress inbound = callee.inboundAddress();
    try (Socket socket = new Socket(inbound.getAddress(), inbound.getPort())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("TRELLIS-TUNNEL " + authority + ":" + port + "\r\n"
                      + "GET / HTTP/1.1\r\nhost: catalog\r\nconnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
