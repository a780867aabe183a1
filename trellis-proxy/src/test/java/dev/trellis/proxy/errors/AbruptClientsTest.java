package dev.trellis.proxy.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.testing.HttpAppBehindSidecars;
import dev.trellis.proxy.testing.RawHttp;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callers that vanish mid-request or mid-response: the proxies cancel the upstream side, give up
 * nothing they should keep, and go on serving.
 */
class AbruptClientsTest {
  static HttpAppBehindSidecars mesh;

  @BeforeAll
  static void start() throws Exception {
    mesh = HttpAppBehindSidecars.start();
  }

  @AfterAll
  static void stop() {
    mesh.close();
  }

  static void sendAndVanish(String text, int readBytes) throws Exception {
    InetSocketAddress out = mesh.caller().outboundHttpAddress();
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
    try (RawHttp http = new RawHttp(mesh.caller().outboundHttpAddress())) {
      http.send("GET /still-here HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).contains("uri=/still-here");
    }
    // Cancelled exchanges close their app connections instead of returning them half-used; what
    // stays open is the pool's idle connection(s).
    await().atMost(Duration.ofSeconds(5)).until(() -> mesh.app().openConnections() <= 2);
  }
}
