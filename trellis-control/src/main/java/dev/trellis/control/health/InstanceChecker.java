package dev.trellis.control.health;

import dev.trellis.api.registry.Health;
import dev.trellis.config.policy.HealthCheck;
import dev.trellis.control.registry.Instance;
import dev.trellis.control.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one instance with one health check, every {@code interval}, on its own virtual thread
 * (plain blocking sockets, easy to follow), and reports each flip to the registry, which bumps the
 * version so that watchers learn of it.
 *
 * <p>The first probe runs at once. {@link #stop()} interrupts the thread; a verdict that reaches
 * the registry's writer after that is dropped there (the flag is read inside the state change),
 * so a stopped checker never overwrites what the reconciler decided after stopping it.
 */
final class InstanceChecker {
  private static final Logger log = LoggerFactory.getLogger(InstanceChecker.class);

  private final Instance instance;
  private final HealthCheck check;
  private final Registry registry;
  private final Probe probe;
  private volatile boolean stopped;
  private Thread thread;

  InstanceChecker(Instance instance, HealthCheck check, Registry registry) {
    this.instance = instance;
    this.check = check;
    this.registry = registry;
    this.probe = Probe.of(check);
  }

  HealthCheck check() {
    return check;
  }

  void start() {
    thread = Thread.ofVirtual().name("trellis-health-" + instance.id()).start(this::run);
  }

  void stop() {
    stopped = true;
    thread.interrupt();
  }

  private void run() {
    HealthVerdict verdict = new HealthVerdict(instance.health(), check.healthyThreshold(),
        check.unhealthyThreshold());
    while (!stopped) {
      ProbeResult result = probe.check(instance.address(), instance.checkPort(), check);
      Health flipped = verdict.record(result.success());
      if (flipped != null && !stopped) {
        log.info("{} {}:{} is {} ({})", instance.serviceKey(), instance.address(),
            instance.checkPort(), flipped, result.detail());
        registry.setHealth(instance.id(), flipped, result.detail(), () -> !stopped);
      }
      try {
        Thread.sleep(check.interval());
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
