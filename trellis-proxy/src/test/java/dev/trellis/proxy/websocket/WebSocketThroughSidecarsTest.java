package dev.trellis.proxy.websocket;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.NettyTestServer;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestApps;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket upgrade through two sidecars: the JDK client talks to an HTTP upstream port (or the
 * Host-routed outbound listener), the upgrade rides a byte tunnel between the sidecars, and a
 * Netty WebSocket server answers.
 */
class WebSocketThroughSidecarsTest {
  static final ServiceKey CHAT = ServiceKey.of("chat");
  static NettyTestServer app;
  static SidecarProxy callee;
  static SidecarProxy caller;

  @BeforeAll
  static void start() throws Exception {
    app = TestApps.webSocketEcho();
    callee = Sidecars.serving(CHAT, app.port());
    caller = Sidecars.calling(UpstreamPort.of(CHAT));
    Sidecars.apply(List.of(service("chat", AppProtocol.HTTP, endpointOf("c1", callee))), caller, callee);
  }

  @AfterAll
  static void stop() {
    caller.close();
    callee.close();
    app.close();
  }

  @Test
  void jdkWebSocketClientExchangesFramesThroughAnUpstreamPort() throws Exception {
    InetSocketAddress port = caller.upstreamAddress(CHAT);
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port.getPort() + "/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    received.add(data.toString());
                    webSocket.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 20; i++) {
      ws.sendText("m" + i, true).get(5, TimeUnit.SECONDS);
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo:m" + i);
    }
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
  }

  @Test
  void hostRoutedUpgradeGetsTheApplicationsSwitchingProtocols() throws Exception {
    try (RawHttp http = new RawHttp(caller.outboundHttpAddress())) {
      http.send(
          "GET /ws HTTP/1.1\r\nHost: chat\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(101);
      assertThat(response.header("sec-websocket-accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
  }
}
