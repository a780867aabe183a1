package dev.trellis.cli.proxy;

import dev.trellis.api.client.ControlClient;
import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.admin.AdminServer;
import dev.trellis.proxy.control.MeshLink;
import dev.trellis.proxy.control.TranslatedSnapshot;
import dev.trellis.proxy.mesh.RegisteredEndpoint;
import dev.trellis.proxy.mesh.ServiceDefinition;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sidecar as {@code trellis proxy} runs it (data path, control-plane link, admin port) and its
 * graceful shutdown.
 *
 * <p>Shutdown order, each step for a reason:
 * <ol>
 *   <li>deregister: peers drop this instance with their next snapshot and stop sending new
 *       requests here;</li>
 *   <li>stop accepting: no new connections, open ones keep being served;</li>
 *   <li>wait, at most {@code drain}, for the application's outbound requests in flight to
 *       finish (inbound requests finish within the data path's own close window);</li>
 *   <li>close the data path, the admin port and the client.</li>
 * </ol>
 *
 * <p>Thread-safe: {@link #shutdown} runs once, whichever thread calls it first.
 */
final class RunningSidecar {
  private static final Logger log = LoggerFactory.getLogger(RunningSidecar.class);

  private final SidecarProxy proxy;
  private final MeshLink link;
  private final AdminServer admin;
  private final ControlClient client;
  private final LongSupplier nanoClock;
  private final AtomicBoolean stopped = new AtomicBoolean();

  RunningSidecar(SidecarProxy proxy, MeshLink link, AdminServer admin, ControlClient client,
      LongSupplier nanoClock) {
    this.proxy = proxy;
    this.link = link;
    this.admin = admin;
    this.client = client;
    this.nanoClock = nanoClock;
  }

  /** Requests the application sent out through this sidecar that have not finished yet. */
  int outboundInFlight() {
    int total = 0;
    for (TranslatedSnapshot snapshot : link.current().stream().toList()) {
      for (ServiceDefinition service : snapshot.services()) {
        for (RegisteredEndpoint endpoint : service.endpoints()) {
          total += proxy.loads().of(endpoint.endpoint()).inFlight();
        }
      }
    }
    return total;
  }

  /** Leaves the mesh gracefully; blocks for at most about {@code drain} plus a few seconds. */
  void shutdown(Duration drain) throws InterruptedException {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    link.close();
    proxy.stopAccepting();
    long deadline = nanoClock.getAsLong() + drain.toNanos();
    int inFlight;
    while ((inFlight = outboundInFlight()) > 0 && nanoClock.getAsLong() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20); // polling a counter; nothing to wait on
    }
    if (inFlight > 0) {
      log.warn("drain timeout {}: closing with {} outbound requests in flight", drain, inFlight);
    }
    proxy.close();
    admin.close();
    client.close();
  }
}
