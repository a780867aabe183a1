package dev.trellis.proxy.framing;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.ScriptedHttpApp;
import dev.trellis.proxy.testing.Sidecars;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Broken chunk framing is never passed on as a clean end: a request whose chunking breaks is cut
 * upstream and answered 400; a response whose chunking breaks is cut downstream and its
 * connection never pooled; a response head that is not HTTP is a 502.
 */
class BrokenFramingTest {
  ScriptedHttpApp app;
  SidecarProxy callee;
  SidecarProxy caller;

  void start(String answer) throws Exception {
    app = new ScriptedHttpApp(answer);
    callee = Sidecars.serving(ServiceKey.of("catalog"), app.port());
    caller = Sidecars.calling();
    Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, endpointOf("c1", callee))), caller, callee);
  }

  @AfterEach
  void stop() throws Exception {
    caller.close();
    callee.close();
    app.close();
  }

  @Test
  void aBrokenRequestChunkIs400AndTheAppNeverSeesTheBodyEnd() throws Exception {
    start(""); // the application waits for the whole body before answering
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("POST /upload HTTP/1.1\r\nHost: catalog\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
      // The head and the first chunk reached the application before the framing breaks.
      await().atMost(Duration.ofSeconds(5))
          .until(() -> !app.seen().isEmpty() && app.seen().get(0).received().contains("hello"));
      http.send("zz-not-hex\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("x-trellis-error")).startsWith("malformed request: request body: ");
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(http.closedByServer()).isTrue();
    }
    ScriptedHttpApp.Connection upstream = app.seen().get(0);
    await().atMost(Duration.ofSeconds(5)).until(upstream::closedByPeer);
    assertThat(upstream.received()).doesNotContain("0\r\n\r\n");
  }

  @Test
  void aBrokenResponseChunkCutsTheCallerAndTheConnectionIsNotReused() throws Exception {
    start("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\nzz-not-hex\r\n");
    assertThat(rawExchange("GET /a HTTP/1.1\r\nHost: catalog\r\n\r\n"))
        .startsWith("HTTP/1.1 200 OK")
        .contains("hello")
        .doesNotContain("\r\n0\r\n\r\n");
    await().atMost(Duration.ofSeconds(5)).until(() -> app.seen().get(0).closedByPeer());

    // The next request needs a new connection: the broken one was closed, not pooled.
    rawExchange("GET /b HTTP/1.1\r\nHost: catalog\r\n\r\n");
    assertThat(app.connections()).isEqualTo(2);
  }

  @Test
  void aResponseHeadThatIsNotHttpIs502() throws Exception {
    start("SMTP ready\r\n\r\n");
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send("GET /a HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.header("x-trellis-error")).startsWith("malformed response: local app catalog 127.0.0.1:");
    }
  }

  /** Sends {@code request} on a fresh connection and returns every byte until the server closes. */
  private String rawExchange(String request) throws Exception {
    InetSocketAddress address = caller.outboundHttpAddress();
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder got = new StringBuilder();
      try {
        for (int b; (b = in.read()) != -1; ) {
          got.append((char) b);
          if (got.indexOf("\r\n0\r\n\r\n") >= 0) {
            break; // a clean end: the connection would stay open
          }
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        got.append("<still open>");
      }
      return got.toString();
    }
  }
}
