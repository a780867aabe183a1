package dev.trellis.proxy.errors;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.RegisteredEndpoint;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServicePolicy;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.pool.PoolSettings;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the proxy cannot serve a request it says so at once: a fitting status and an
 * {@code x-trellis-error} naming what failed and where; and it keeps serving afterwards.
 */
class ProxyErrorsTest {
  static TestHttpApp app;
  static SidecarProxy callee;
  static SidecarProxy deadAppCallee;
  static SidecarProxy hangingCallee;
  static SidecarProxy caller;
  static int closedPort;

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpApp.start("catalog-1");
    callee = Sidecars.serving(ServiceKey.of("catalog"), app.port());
    closedPort = closedPort();
    deadAppCallee = Sidecars.serving(ServiceKey.of("broken"), closedPort);
    // A sidecar serves only its own service, so the service with a timeout gets its own.
    hangingCallee = Sidecars.serving(ServiceKey.of("hanging"), app.port());
    caller =
        new SidecarProxy(
                SidecarConfig.of(new dev.trellis.proxy.inbound.LocalApp(ServiceKey.of("web"), Map.of(), AppProtocol.HTTP))
                    .withIoThreads(1)
                    .withPools(new PoolSettings(Duration.ofMillis(300), Duration.ofSeconds(30), 2, 100)))
            .start();
    RegisteredEndpoint refused =
        new RegisteredEndpoint(new Endpoint("g1", "127.0.0.1", closedPort, "", Map.of()), EndpointHealth.HEALTHY);
    Sidecars.apply(
        List.of(
            service("catalog", AppProtocol.HTTP, endpointOf("c1", callee)),
            service(
                "sick",
                AppProtocol.HTTP,
                endpointOf("s1", callee, EndpointHealth.UNHEALTHY),
                endpointOf("s2", callee, EndpointHealth.UNHEALTHY),
                endpointOf("s3", deadAppCallee, EndpointHealth.UNHEALTHY)),
            service("gone", AppProtocol.HTTP, refused),
            service("broken", AppProtocol.HTTP, endpointOf("b1", deadAppCallee)),
            service("raw", AppProtocol.TCP, endpointOf("r1", callee)),
            new ServiceDefinition(
                ServiceKey.of("hanging"),
                List.of(new ServicePort(Sidecars.SERVICE_PORT, AppProtocol.HTTP)),
                List.of(endpointOf("h1", hangingCallee)),
                null,
                new ServicePolicy(Duration.ofMillis(300)))),
        caller, callee, deadAppCallee, hangingCallee);
  }

  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() {
    caller.close();
    callee.close();
    deadAppCallee.close();
    hangingCallee.close();
    app.close();
  }

  RawHttp.Response get(String host) throws Exception {
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /x HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
      return http.read();
    }
  }

  @Test
  void unknownServiceIs404() throws Exception {
    RawHttp.Response response = get("nosuch");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("x-trellis-error")).isEqualTo("unknown service: nosuch");
    assertThat(get("catalog.elsewhere").header("x-trellis-error")).isEqualTo("unknown service: catalog.elsewhere");
  }

  @Test
  void serviceWithoutHttpPortIs404() throws Exception {
    RawHttp.Response response = get("raw");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("x-trellis-error")).isEqualTo("no http port: raw");
  }

  @Test
  void noHealthyEndpointIs503WithCounts() throws Exception {
    RawHttp.Response response = get("sick");
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("x-trellis-error")).isEqualTo("no healthy endpoint: sick (3 registered, 0 healthy)");
    assertThat(response.body()).contains("no healthy endpoint");
  }

  @Test
  void refusedPeerIs502NamingTheEndpointAndFast() throws Exception {
    long start = System.nanoTime();
    RawHttp.Response response = get("gone");
    assertThat(response.status()).isEqualTo(502);
    assertThat(response.header("x-trellis-error")).isEqualTo("upstream connect refused: gone 127.0.0.1:" + closedPort);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void localAppDownIs502FromTheCalleeSidecarRelayedAsIs() throws Exception {
    RawHttp.Response response = get("broken");
    assertThat(response.status()).isEqualTo(502);
    assertThat(response.header("x-trellis-error")).isEqualTo("local app connect refused: broken 127.0.0.1:" + closedPort);
  }

  @Test
  void connectTimeoutIs504() throws Exception {
    // A listener whose accept queue is full drops further SYNs, so connecting to it times out.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<java.net.Socket> fillers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
            fillers.add(s);
          } catch (java.io.IOException queueAlreadyFull) {
            s.close();
          }
        }
        RegisteredEndpoint slow =
            new RegisteredEndpoint(
                new Endpoint("t1", "127.0.0.1", full.getLocalPort(), "", Map.of()), EndpointHealth.HEALTHY);
        SidecarProxy own =
            new SidecarProxy(
                    SidecarConfig.of(new dev.trellis.proxy.inbound.LocalApp(ServiceKey.of("web"), Map.of(), AppProtocol.HTTP))
                        .withIoThreads(1)
                        .withPools(new PoolSettings(Duration.ofMillis(250), Duration.ofSeconds(30), 2, 100)))
                .start();
        try {
          Sidecars.apply(List.of(service("slow", AppProtocol.HTTP, slow)), own);
          try (RawHttp http = new RawHttp(own.outboundHttpAddress())) {
            http.send("GET /x HTTP/1.1\r\nHost: slow\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(504);
            assertThat(response.header("x-trellis-error"))
                .isEqualTo("upstream connect timeout: slow 127.0.0.1:" + full.getLocalPort() + " after 250ms");
          }
        } finally {
          own.close();
        }
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void requestTimeoutIs504AndTheConnectionStaysUsable() throws Exception {
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /hang HTTP/1.1\r\nHost: hanging\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(504);
      assertThat(response.header("x-trellis-error"))
          .isEqualTo("request timeout: hanging 127.0.0.1:" + hangingCallee.inboundAddress().getPort() + " after 300ms");
      http.send("GET /fine HTTP/1.1\r\nHost: hanging\r\n\r\n");
      assertThat(http.read().body()).contains("uri=/fine");
    }
  }

  @Test
  void malformedRequestIs400AndTheConnectionClosed() throws Exception {
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /x HTTP/1.1\r\nHost: catalog\r\nContent-Length: banana\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("x-trellis-error")).startsWith("malformed request: ");
      assertThat(http.closedByServer()).isTrue();
    }
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("NONSENSE\r\n\r\n"); // not even a request line
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("x-trellis-error")).startsWith("malformed request: ");
    }
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /x HTTP/1.0\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("x-trellis-error")).isEqualTo("malformed request: no Host header and no absolute URI");
    }
    // Still serving.
    assertThat(get("catalog").status()).isEqualTo(200);
  }

  @Test
  void inboundRefusesTrafficThatIsNeitherHttp2NorATunnel() throws Exception {
    try (RawHttp http = new RawHttp(callee.inboundAddress())) {
      http.send("GET / HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("x-trellis-error")).contains("inbound expects HTTP/2 or a tunnel preface");
    }
    assertThat(get("catalog").status()).isEqualTo(200);
  }

  @Test
  void errorsLeaveTheKeepAliveConnectionUsable() throws Exception {
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /a HTTP/1.1\r\nHost: nosuch\r\n\r\n");
      assertThat(http.read().status()).isEqualTo(404);
      http.send("GET /b HTTP/1.1\r\nHost: sick\r\n\r\n");
      assertThat(http.read().status()).isEqualTo(503);
      http.send("GET /c HTTP/1.1\r\nHost: catalog.default.svc.cluster.local\r\n\r\n");
      RawHttp.Response ok = http.read();
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body()).contains("uri=/c");
    }
  }
}
