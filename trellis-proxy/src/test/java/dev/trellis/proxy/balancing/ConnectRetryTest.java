package dev.trellis.proxy.balancing;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.RegisteredEndpoint;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dead endpoint among live ones costs the caller nothing: connection failures try elsewhere. */
class ConnectRetryTest {
  static TestHttpApp app;
  static SidecarProxy callee;
  static SidecarProxy caller;
  static RegisteredEndpoint dead1;
  static RegisteredEndpoint dead2;

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpApp.start("catalog-1");
    callee = Sidecars.serving(ServiceKey.of("catalog"), app.port());
    caller = Sidecars.calling();
    dead1 = deadEndpoint("d1");
    dead2 = deadEndpoint("d2");
  }

  static RegisteredEndpoint deadEndpoint(String id) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return new RegisteredEndpoint(new Endpoint(id, "127.0.0.1", port, "", Map.of()), EndpointHealth.HEALTHY);
  }

  @AfterAll
  static void stop() {
    caller.close();
    callee.close();
    app.close();
  }

  RawHttp.Response get(RawHttp http, String path) throws Exception {
    http.send("GET " + path + " HTTP/1.1\r\nHost: catalog\r\n\r\n");
    return http.read();
  }

  @Test
  void everyRequestSucceedsWhileTwoOfThreeEndpointsRefuse() throws Exception {
    Sidecars.apply(
        List.of(service("catalog", AppProtocol.HTTP, dead1, endpointOf("c1", callee), dead2)), caller, callee);
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      for (int i = 0; i < 12; i++) {
        RawHttp.Response response = get(http, "/r" + i);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("uri=/r" + i);
      }
    }
  }

  @Test
  void noRequestFailsUnderPeakEwmaWhileTwoOfThreeEndpointsRefuse() throws Exception {
    // Peak EWMA sees a fast refusal as a cheap endpoint: a retry must still go elsewhere.
    BalancerConfig peakEwma = new BalancerConfig(BalancerConfig.Kind.PEAK_EWMA, null, null, false);
    Sidecars.apply(
        List.of(service("catalog", AppProtocol.HTTP, peakEwma, dead1, endpointOf("c1", callee), dead2)),
        caller, callee);
    int failures = 0;
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      for (int i = 0; i < 300; i++) {
        if (get(http, "/e" + i).status() != 200) {
          failures++;
        }
      }
    }
    assertThat(failures).as("failed requests of 300").isZero();
  }

  @Test
  void whenEveryEndpointRefusesTheLastFailureIsReported() throws Exception {
    Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, dead1, dead2)), caller, callee);
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      RawHttp.Response response = get(http, "/none");
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.header("x-trellis-error")).startsWith("upstream connect refused: catalog 127.0.0.1:");
    }
  }
}
