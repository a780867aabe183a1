package dev.trellis.api.client;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client speaks TLS exactly when the control plane's URL says {@code https}: for the REST
 * calls and for the watch ({@code wss}). A server that records the first bytes of every
 * connection tells a TLS handshake (a record starting 0x16) from plain HTTP ("GET ").
 */
class TransportSchemeTest {
  private static final byte TLS_HANDSHAKE_RECORD = 0x16;

  private ServerSocket server;
  private final BlockingQueue<byte[]> openings = new LinkedBlockingQueue<>();
  private final WatchSettings quick = WatchSettings.defaults()
      .withBackoff(Backoff.of(Duration.ofSeconds(5), Duration.ofSeconds(5)));
  private final Subscription subscription = new Subscription("web-1", "web", "default", List.of());

  @BeforeEach
  void startRecorder() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("opening-recorder").start(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          socket.setSoTimeout(5000);
          InputStream in = socket.getInputStream();
          openings.add(in.readNBytes(4));
        } catch (IOException e) {
          // closed at the end of the test, or a client that gave up: nothing to record
        }
      }
    });
  }

  @AfterEach
  void stopRecorder() throws IOException {
    server.close();
  }

  @Test
  void plainHttpUrlSpeaksPlainHttpToTheApiAndTheWatch() throws Exception {
    ControlClient client = ControlClient.create(base("http"), "token", Duration.ofSeconds(5));
    assertThat(client.healthy()).isFalse(); // the recorder answers nothing
    assertThat(new String(nextOpening(), US_ASCII)).isEqualTo("GET ");

    try (SnapshotWatch watch = client.watch(subscription, snapshot -> SnapshotDecision.ack(), quick)) {
      assertThat(new String(nextOpening(), US_ASCII)).isEqualTo("GET ");
    }
  }

  @Test
  void httpsUrlSpeaksTlsToTheApiAndTheWatch() throws Exception {
    ControlClient client = ControlClient.create(base("https"), "token", Duration.ofSeconds(5));
    assertThat(client.healthy()).isFalse();
    assertThat(nextOpening()[0]).isEqualTo(TLS_HANDSHAKE_RECORD);

    RecordingWatchListener listener = new RecordingWatchListener();
    try (SnapshotWatch watch = client.watch(subscription, listener, quick)) {
      assertThat(nextOpening()[0]).isEqualTo(TLS_HANDSHAKE_RECORD);
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.disconnects > 0);
      assertThat(watch.connected()).isFalse();
    }
  }

  private URI base(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort());
  }

  private byte[] nextOpening() throws InterruptedException {
    byte[] opening = openings.poll(10, TimeUnit.SECONDS);
    assertThat(opening).as("a connection to the recorder").isNotNull().hasSize(4);
    return opening;
  }

  private static final class RecordingWatchListener implements WatchListener {
    volatile int disconnects; // written by the watch's one thread only

    @Override
    public SnapshotDecision onSnapshot(Snapshot snapshot) {
      return SnapshotDecision.ack();
    }

    @Override
    public void onDisconnected(Throwable cause) {
      disconnects++;
    }
  }
}
