package dev.trellis.cli.run;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.watch.ProxyList;
import dev.trellis.api.watch.ProxyStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waits, after a sidecar deregistered, until the other proxies run a snapshot without it, so that
 * the application is stopped only once nobody sends it new requests.
 *
 * <p>The control plane pushes the deregistration at once to every proxy whose scope holds the
 * instance, and {@code GET /v1/proxies} shows what each acked. A connected proxy lags while it
 * was sent something newer than the version read before deregistering and has not acked it. A
 * proxy sent nothing newer is out of scope, unless the push has not gone out yet: hence the
 * short {@link #SETTLE} before nobody lagging counts.
 */
public final class PeerCatchUp {
  /** How long a push takes to leave the control plane, generously; well under any drain timeout. */
  static final Duration SETTLE = Duration.ofMillis(200);
  private static final long POLL_MILLIS = 50;

  private PeerCatchUp() {}

  /**
   * The nodes, other than {@code ownNode}, that were sent a snapshot newer than
   * {@code versionBefore} and have not acked it yet.
   */
  static List<String> lagging(ProxyList proxies, String ownNode, long versionBefore) {
    return proxies.proxies().stream()
        .filter(ProxyStatus::connected)
        .filter(p -> !p.node().equals(ownNode))
        .filter(p -> p.lastSentVersion() > versionBefore && p.lastAckedVersion() < p.lastSentVersion())
        .map(ProxyStatus::node)
        .toList();
  }

  /**
   * Polls until no proxy lags or {@code limit} passes; returns the nodes still lagging (empty
   * when all caught up). An unreachable control plane ends the wait: there is nobody to ask, and
   * peers then drop the instance when its lease expires.
   */
  public static List<String> await(ControlClient client, String ownNode, long versionBefore, Duration limit,
      LongSupplier nanoClock) throws InterruptedException {
    long start = nanoClock.getAsLong();
    long deadline = start + limit.toNanos();
    long settled = start + Math.min(SETTLE.toNanos(), limit.toNanos());
    List<String> behind = List.of();
    while (true) {
      try {
        behind = lagging(client.proxies(), ownNode, versionBefore);
      } catch (ControlApiException e) {
        return List.of();
      }
      long now = nanoClock.getAsLong();
      if ((behind.isEmpty() && now >= settled) || now >= deadline) {
        return behind;
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // polling the control plane; nothing to wait on
    }
  }
}
