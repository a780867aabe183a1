package dev.trellis.proxy.errors;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callers that vanish mid-request or mid-response: the proxies cancel the upstream side, give up
 * nothing they should keep, and go on serving.
 */
class AbruptClientsTest {
  static TestHttpApp app;
  static SidecarProxy callee;
  static SidecarProxy caller;

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpApp.start("catalog-1");
    callee = Sidecars.serving(ServiceKey.of("catalog"), app.port());
    caller = Sidecars.calling();
    Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, endpointOf("c1", callee))), caller, callee);
  }

  @AfterAll
  static void stop() {
    caller.close();
    callee.close();
    app.close();
  }

  static void sendAndVanish(String text, int readBytes) throws Exception {
    InetSocketAddress out = caller.outboundHttpAddress();
    try (Socket socket = new Socket(out.getAddress(), out.getPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < readBytes; i++) {
        if (in.read() < 0) {
          break;
        }
      }
    }
  }

  @Test
  void vanishingCallersLeaveTheProxiesServingAndTheAppUnburdened() throws Exception {
    for (int i = 0; i < 15; i++) {
      sendAndVanish("GET /partial HTTP/1.1\r\nHost: cat", 0);
      sendAndVanish("POST /upload HTTP/1.1\r\nHost: catalog\r\nContent-Length: 100000\r\n\r\n0123456789", 0);
      sendAndVanish("GET /bytes/50000000 HTTP/1.1\r\nHost: catalog\r\n\r\n", 1000);
    }
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /still-here HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).contains("uri=/still-here");
    }
    // Cancelled exchanges close their app connections instead of returning them half-used; what
    // stays open is the pool's idle connection(s).
    await().atMost(Duration.ofSeconds(5)).until(() -> app.openConnections() <= 2);
  }
}
