package dev.trellis.api.client;

import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.registry.Registered;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one instance registered: heartbeats at a third of the lease, so two may be lost before it
 * expires, and registers again (under a new id) when the control plane answers 404 because it
 * expired or forgot the instance. Closing deregisters it.
 *
 * <p>Thread-safe. Failures other than 404 (control plane down) are retried at the next beat; the
 * first registration happens in {@link #start} and throws when refused.
 */
public final class Registration implements AutoCloseable {
  private final ControlClient client;
  private final InstanceRegistration registration;
  private final ScheduledExecutorService timer;
  private volatile String id;

  private Registration(ControlClient client, InstanceRegistration registration, String id) {
    this.client = client;
    this.registration = registration;
    this.id = id;
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
        .name("trellis-registration-" + registration.service()).factory());
  }

  static Registration start(ControlClient client, InstanceRegistration registration) {
    Registered registered = client.register(registration);
    Registration keeper = new Registration(client, registration, registered.id());
    long periodMillis = Math.max(100, registered.leaseSeconds() * 1000L / 3);
    keeper.timer.scheduleWithFixedDelay(keeper::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    return keeper;
  }

  /** The id currently registered; changes when the instance had to register again. */
  public String id() {
    return id;
  }

  private void beat() {
    try {
      client.heartbeat(id);
    } catch (ControlApiException e) {
      if (e.status() == 404) {
        try {
          id = client.register(registration).id();
        } catch (ControlApiException again) {
          // Unreachable or refusing now: the next beat tries again (and gets 404 again).
        }
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      // A beat in flight may still register again; let it finish so the id below is the last.
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      client.deregister(id);
    } catch (ControlApiException e) {
      // Already gone, or the control plane is down: the lease expires by itself.
    }
  }
}
