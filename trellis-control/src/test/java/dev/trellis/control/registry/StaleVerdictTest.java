package dev.trellis.control.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.api.registry.Health;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.control.store.MeshState;
import dev.trellis.control.store.StateFile;
import dev.trellis.control.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verdict whose checker stopped before the change ran is dropped, however late it arrives. */
class StaleVerdictTest {
  @TempDir Path dataDir;

  @Test
  void aVerdictFromACheckerStoppedWhileItWaitedIsDropped() throws Exception {
    try (StateStore store = new StateStore(new StateFile(dataDir), MeshState.empty())) {
      Registry registry = new Registry(store, Clock.systemUTC(), (state, instance) -> false);
      String id = registry.register(new InstanceRegistration(
          "catalog", null, "127.0.0.1", 9001, Map.of(), "", 0)).get(5, TimeUnit.SECONDS).id();

      // Hold the writer so the verdict queues behind; the checker stops while it waits.
      CountDownLatch release = new CountDownLatch(1);
      store.update(state -> {
        release.await(5, TimeUnit.SECONDS);
        return StateStore.Outcome.unchanged(null);
      });
      AtomicBoolean stopped = new AtomicBoolean();
      var verdict = registry.setHealth(id, Health.UNHEALTHY, "GET /healthz: 503",
          () -> !stopped.get());
      stopped.set(true);
      release.countDown();
      verdict.get(5, TimeUnit.SECONDS);

      assertThat(store.current().instances().get(id).health()).isEqualTo(Health.HEALTHY);
      registry.setHealth(id, Health.UNHEALTHY, "GET /healthz: 503", () -> true)
          .get(5, TimeUnit.SECONDS);
      assertThat(store.current().instances().get(id).health()).isEqualTo(Health.UNHEALTHY);
    }
  }
}
