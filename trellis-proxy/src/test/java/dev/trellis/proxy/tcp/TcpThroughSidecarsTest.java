package dev.trellis.proxy.tcp;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.UpstreamPort;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.NettyTestServer;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestApps;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Opaque TCP through an upstream port and a tunnel between two sidecars, half-close included. */
class TcpThroughSidecarsTest {
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
  void bytesEchoBothWaysAndHalfCloseTravelsEndToEnd() throws Exception {
    byte[] payload = new byte[8 * 1024 * 1024];
    new Random(42).nextBytes(payload);
    InetSocketAddress port = caller.upstreamAddress(DB);
    try (Socket socket = new Socket(port.getAddress(), port.getPort())) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      CompletableFuture<byte[]> echoed =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return in.readAllBytes(); // ends only when the server's FIN arrives
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      OutputStream out = socket.getOutputStream();
      out.write(payload);
      out.flush();
      socket.shutdownOutput(); // half-close: we are done sending, still reading
      byte[] got = echoed.get();
      assertThat(got.length).isEqualTo(payload.length);
      assertThat(java.util.Arrays.mismatch(got, payload)).as("first differing byte").isEqualTo(-1);
    }
  }

  @Test
  void manySmallConnectionsEachGetTheirOwnTunnel() throws Exception {
    InetSocketAddress port = caller.upstreamAddress(DB);
    for (int i = 0; i < 20; i++) {
      try (Socket socket = new Socket(port.getAddress(), port.getPort())) {
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("ping-" + i).getBytes());
        socket.shutdownOutput();
        assertThat(new String(socket.getInputStream().readAllBytes())).isEqualTo("ping-" + i);
      }
    }
  }
}
