package dev.trellis.control.watch;

import static dev.trellis.control.Mesh.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.client.Backoff;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.SnapshotWatch;
import dev.trellis.api.client.WatchSettings;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.watch.Subscription;
import dev.trellis.control.RecordingListener;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import dev.trellis.control.server.ControlPlaneOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchReconnectTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dataDir;

  @Test
  void watchReconnectsAndResubscribesWhenTheControlPlaneComesBack() throws Exception {
    ControlPlane first = TestControlPlane.start(dataDir);
    int port = first.address().getPort();
    RecordingListener proxy = RecordingListener.acking();
    WatchSettings fast = WatchSettings.defaults()
        .withBackoff(Backoff.of(Duration.ofMillis(20), Duration.ofMillis(200)));
    try (ControlClient client = TestControlPlane.client(first);
        SnapshotWatch watch = client.watch(
            new Subscription("web-1", "web", "default", List.of("catalog")), proxy, fast)) {
      client.apply("mesh.yaml", service("catalog"), false);
      await().atMost(WAIT).until(() -> proxy.snapshots.stream().anyMatch(s -> s.version() == 1));

      first.close();
      await().atMost(WAIT).until(() -> proxy.disconnects.get() >= 1);
      assertThat(watch.connected()).isFalse();

      ControlPlaneOptions samePort = TestControlPlane.options(dataDir, Clock.systemUTC()).withPort(port);
      try (ControlPlane second = ControlPlane.start(samePort)) {
        await().atMost(WAIT).until(() -> proxy.connects.get() >= 2);
        client.register(InstanceRegistration.of("catalog", "127.0.0.1", 9001));

        await().atMost(WAIT).untilAsserted(() -> {
          assertThat(proxy.last().version()).isEqualTo(2);
          assertThat(proxy.last().endpoints().get("default/catalog")).hasSize(1);
        });
        assertThat(watch.connected()).isTrue();
      }
    }
  }

  @Test
  void silentConnectionIsReplacedAndPingsKeepALiveOneOpen() throws Exception {
    WatchSettings impatient = new WatchSettings(
        Backoff.of(Duration.ofMillis(20), Duration.ofMillis(200)), Duration.ofSeconds(1));
    Subscription subscription = new Subscription("web-1", "web", "default", List.of("catalog"));

    // A control plane that never pings: after the first snapshot the line goes quiet.
    ControlPlaneOptions neverPings = TestControlPlane.options(dataDir, Clock.systemUTC())
        .withWatchPingInterval(Duration.ofHours(1));
    try (ControlPlane control = ControlPlane.start(neverPings);
        ControlClient client = TestControlPlane.client(control)) {
      RecordingListener proxy = RecordingListener.acking();
      try (SnapshotWatch watch = client.watch(subscription, proxy, impatient)) {
        await().atMost(WAIT).until(() -> proxy.connects.get() >= 2 && proxy.snapshots.size() >= 2);
      }
    }

    // Pinging every 100 ms keeps a connection with the same silence limit open.
    Path otherDir = dataDir.resolve("pinging");
    ControlPlaneOptions pings = TestControlPlane.options(otherDir, Clock.systemUTC())
        .withWatchPingInterval(Duration.ofMillis(100));
    try (ControlPlane control = ControlPlane.start(pings);
        ControlClient client = TestControlPlane.client(control)) {
      RecordingListener proxy = RecordingListener.acking();
      try (SnapshotWatch watch = client.watch(subscription, proxy, impatient)) {
        await().atMost(WAIT).until(() -> proxy.connects.get() == 1);
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> proxy.connects.get() == 1);
      }
    }
  }

  @Test
  void controlPlaneClosesAWatchThatStoppedAnswering() throws Exception {
    ControlPlaneOptions pings = TestControlPlane.options(dataDir, Clock.systemUTC())
        .withWatchPingInterval(Duration.ofMillis(100));
    HttpClient http = HttpClient.newHttpClient();
    try (ControlPlane control = ControlPlane.start(pings);
        ControlClient client = TestControlPlane.client(control)) {
      // A peer that subscribes and then never reads again, so never answers a ping.
      WebSocket deaf = http.newWebSocketBuilder()
          .header("Authorization", "Bearer " + control.token())
          .buildAsync(URI.create("ws://127.0.0.1:" + control.address().getPort() + "/v1/watch"),
              new WebSocket.Listener() {
                @Override
                public void onOpen(WebSocket webSocket) {
                  // no request(): nothing is read, pings go unanswered
                }
              })
          .join();
      deaf.sendText("{\"type\":\"subscribe\",\"node\":\"deaf-1\",\"service\":\"web\"}", true).join();

      // Only the control plane can end this connection: the peer never closes it.
      await().atMost(WAIT).until(() -> client.proxies().proxies().stream()
          .anyMatch(p -> p.node().equals("deaf-1") && !p.connected()));
      deaf.abort();
    } finally {
      // Not close(): it waits for every connection to finish, and the JDK may keep the deaf
      // socket (closed by the peer, its unread bytes still buffered) in CLOSE_WAIT for good.
      http.shutdownNow();
    }
  }
}
