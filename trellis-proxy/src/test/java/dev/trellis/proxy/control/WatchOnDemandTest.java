package dev.trellis.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.client.ControlClient;
import dev.trellis.proxy.SidecarConfig;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.ServiceKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asking the link to watch a service is cheap and never waits: event loops call it for every
 * request naming an unknown service, while the link's lock may be held by a snapshot being applied.
 */
class WatchOnDemandTest {
  @TempDir Path dataDir;

  @Test
  void askingNeverWaitsForTheLinksLock() throws Exception {
    ServiceKey web = ServiceKey.of("web");
    SidecarProxy proxy = new SidecarProxy(SidecarConfig.of(new LocalApp(web, Map.of(), AppProtocol.HTTP)));
    // Never started: nothing here talks to a control plane.
    ControlClient client = ControlClient.create(URI.create("http://127.0.0.1:9"), "token", Duration.ofSeconds(1));
    MeshLink link = new MeshLink(LinkSettings.of(web, "web-1", List.of(), dataDir), client, proxy, Clock.systemUTC());
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        Thread.ofPlatform().start(() -> {
          synchronized (link) {
            held.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    try {
      assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> asked =
          CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 100; i++) {
              link.watchService(ServiceKey.of("unknown-" + (i % 3)));
            }
          });
      asked.get(2, TimeUnit.SECONDS); // throws TimeoutException if watchService waited for the lock
    } finally {
      release.countDown();
      holder.join();
      link.close();
      client.close();
    }
  }
}
