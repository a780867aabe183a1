package dev.trellis.control.watch;

import static dev.trellis.control.Mesh.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.client.Backoff;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.SnapshotWatch;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.watch.Subscription;
import dev.trellis.control.RecordingListener;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import dev.trellis.control.server.ControlPlaneOptions;
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
    Backoff fast = Backoff.of(Duration.ofMillis(20), Duration.ofMillis(200));
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
}
