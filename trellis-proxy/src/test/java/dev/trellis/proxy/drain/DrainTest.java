package dev.trellis.proxy.drain;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A draining sidecar counts what is in flight on both sides, finishes it, keeps serving what
 * still arrives, and asks its callers to close their connections.
 */
class DrainTest {
  final CountDownLatch slowReleased = new CountDownLatch(1);
  final CountDownLatch slowArrived = new CountDownLatch(1);
  ServerSocket app;
  SidecarProxy callee;
  SidecarProxy caller;

  @BeforeEach
  void start() throws Exception {
    app = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::serveApp);
    callee = Sidecars.serving(ServiceKey.of("catalog"), app.getLocalPort());
    caller = Sidecars.calling();
    Sidecars.apply(List.of(service("catalog", AppProtocol.HTTP, endpointOf("c1", callee))), caller, callee);
  }

  @AfterEach
  void stop() throws IOException {
    slowReleased.countDown();
    caller.close();
    callee.close();
    app.close();
  }

  @Test
  void inFlightRequestsFinishAndCallersAreAskedToClose() throws Exception {
    RawHttp slow = new RawHttp(caller.outboundHttpAddress());
    slow.send("GET /slow HTTP/1.1\r\nHost: catalog\r\n\r\n");
    assertThat(slowArrived.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(caller.inFlight()).as("outbound in flight").isEqualTo(1);
    assertThat(callee.inFlight()).as("inbound in flight").isEqualTo(1);

    caller.startDraining();
    callee.startDraining();

    // Still serving: peers route here until their next snapshot.
    try (RawHttp fresh = new RawHttp(caller.outboundHttpAddress())) {
      fresh.send("GET /fast HTTP/1.1\r\nHost: catalog\r\n\r\n");
      RawHttp.Response response = fresh.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(fresh.closedByServer()).isTrue();
    }

    CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return slow.read();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    slowReleased.countDown();
    RawHttp.Response response = answer.get(5, TimeUnit.SECONDS);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("slow");
    assertThat(response.header("connection")).isEqualTo("close");
    slow.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> caller.inFlight() == 0 && callee.inFlight() == 0);
  }

  /** Answers every request at once, except {@code /slow}, which waits for the test's word. */
  private void serveApp() {
    while (!app.isClosed()) {
      try {
        Socket socket = app.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder();
      for (int b; (b = in.read()) != -1; ) {
        head.append((char) b);
        if (head.toString().endsWith("\r\n\r\n")) {
          boolean isSlow = head.toString().startsWith("GET /slow");
          if (isSlow) {
            slowArrived.countDown();
            slowReleased.await(10, TimeUnit.SECONDS);
          }
          String body = isSlow ? "slow" : "fast";
          out.write(("HTTP/1.1 200 OK\r\ncontent-length: " + body.length() + "\r\n\r\n" + body)
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          head.setLength(0);
        }
      }
    } catch (IOException | InterruptedException gone) {
      // the proxy closed the connection, or the test ended
    }
  }
}
