package dev.trellis.cli.proxy;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.cli.run.InProcessSidecar;
import dev.trellis.cli.run.PeerCatchUp;
import java.time.Duration;
import java.util.List;
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
 *   <li>wait, at most half of {@code drain}, until the other proxies acked a snapshot without
 *       this instance ({@link PeerCatchUp}): until then the in-flight count can touch zero
 *       between two requests while callers still route here;</li>
 *   <li>drain: the listeners stay open, because peers keep routing here until that snapshot
 *       arrives, but every response asks its caller to close the connection ({@code
 *       Connection: close}, GOAWAY), so callers move on as soon as they learn;</li>
 *   <li>wait, at most {@code drain}, for the HTTP exchanges in flight to finish, inbound (peers
 *       calling the application) and outbound (the application calling out) alike;</li>
 *   <li>close the data path, the admin port and the client.</li>
 * </ol>
 *
 * <p>Thread-safe: {@link #shutdown} runs once, whichever thread calls it first.
 */
final class RunningSidecar {
  private static final Logger log = LoggerFactory.getLogger(RunningSidecar.class);

  private final InProcessSidecar sidecar;
  private final ControlClient client;
  private final LongSupplier nanoClock;
  private final AtomicBoolean stopped = new AtomicBoolean();

  RunningSidecar(InProcessSidecar sidecar, ControlClient client, LongSupplier nanoClock) {
    this.sidecar = sidecar;
    this.client = client;
    this.nanoClock = nanoClock;
  }

  /** Leaves the mesh gracefully; blocks for at most about {@code drain} plus a few seconds. */
  void shutdown(Duration drain) throws InterruptedException {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    long deadline = nanoClock.getAsLong() + drain.toNanos();
    long versionBefore = currentVersion();
    sidecar.leaveMesh();
    sidecar.startDraining();
    if (versionBefore >= 0) {
      List<String> lagging = PeerCatchUp.await(client, sidecar.node(), versionBefore,
          drain.dividedBy(2), nanoClock);
      if (!lagging.isEmpty()) {
        log.warn("proxies still routing here after {}: {}", drain.dividedBy(2), lagging);
      }
    }
    int inFlight;
    while ((inFlight = sidecar.inFlight()) > 0 && nanoClock.getAsLong() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20); // polling a counter; nothing to wait on
    }
    if (inFlight > 0) {
      log.warn("drain timeout {}: closing with {} requests in flight", drain, inFlight);
    }
    sidecar.close(); // the data path, then the admin port
    client.close();
  }

  /** The control plane's version now, or -1 when it cannot be asked (then there is no wait). */
  private long currentVersion() {
    try {
      return client.proxies().version();
    } catch (ControlApiException e) {
      return -1;
    }
  }
}
