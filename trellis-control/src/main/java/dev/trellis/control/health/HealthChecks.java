package dev.trellis.control.health;

import dev.trellis.api.registry.Health;
import dev.trellis.config.policy.HealthCheck;
import dev.trellis.control.registry.Instance;
import dev.trellis.control.registry.Registry;
import dev.trellis.control.store.MeshState;
import dev.trellis.control.store.StateStore;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Keeps one {@link InstanceChecker} running per instance whose service has an active health
 * check, following every committed state: checkers start for new instances and new checks, stop
 * for instances that left, and restart when a check's settings change. An instance whose service
 * loses its check becomes HEALTHY again (lease-only, like a service that never had one).
 *
 * <p>Threading: reconciling runs on its own thread, in version order, never on the store's
 * writer or an event loop; the checkers run on virtual threads.
 */
public final class HealthChecks implements AutoCloseable {
  private final StateStore store;
  private final Registry registry;
  private final ExecutorService reconciler = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().daemon().name("trellis-health").factory());
  private final Map<String, InstanceChecker> running = new HashMap<>(); // reconciler thread only

  public HealthChecks(StateStore store, Registry registry) {
    this.store = store;
    this.registry = registry;
  }

  /** Starts checking what the current state asks for, and follows every later state. */
  public void start() {
    store.addListener(state -> {
      if (!reconciler.isShutdown()) {
        reconciler.execute(() -> reconcile(state));
      }
    });
    reconciler.execute(() -> reconcile(store.current()));
  }

  private void reconcile(MeshState state) {
    if (state.version() < store.current().version()) {
      return; // a newer state is queued behind this one
    }
    Map<String, HealthCheck> wanted = HealthCheckPolicies.resolve(state);
    for (Iterator<Map.Entry<String, InstanceChecker>> it = running.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, InstanceChecker> entry = it.next();
      HealthCheck check = wanted.get(entry.getKey());
      if (check == null || !check.equals(entry.getValue().check())) {
        entry.getValue().stop();
        it.remove();
      }
    }
    for (Instance instance : state.instances().values()) {
      HealthCheck check = wanted.get(instance.id());
      if (check == null) {
        if (instance.health() != Health.HEALTHY) {
          registry.setHealth(instance.id(), Health.HEALTHY, "");
        }
      } else if (!running.containsKey(instance.id())) {
        InstanceChecker checker = new InstanceChecker(instance, check, registry);
        running.put(instance.id(), checker);
        checker.start();
      }
    }
  }

  @Override
  public void close() {
    reconciler.execute(() -> {
      running.values().forEach(InstanceChecker::stop);
      running.clear();
    });
    reconciler.shutdown();
  }
}
