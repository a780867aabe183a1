package dev.trellis.control.watch;

import dev.trellis.api.watch.ProxyStatus;
import dev.trellis.api.watch.Subscription;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per proxy node, the versions last sent, acked and nacked, for {@code GET /v1/proxies} and
 * {@code trellis status}. Entries stay after a node disconnects (marked so) until it watches
 * again; they are not persisted.
 *
 * <p>Thread-safe; every update is atomic per node.
 */
public final class ProxyStatusBook {
  private final Map<String, ProxyStatus> byNode = new ConcurrentHashMap<>();
  private final Clock clock;

  public ProxyStatusBook(Clock clock) {
    this.clock = clock;
  }

  void subscribed(Subscription s) {
    byNode.compute(s.node(), (node, old) -> new ProxyStatus(node, s.service(), s.namespace(),
        s.upstreams(), true,
        old == null ? 0 : old.lastSentVersion(), old == null ? 0 : old.lastAckedVersion(),
        old == null ? 0 : old.lastNackedVersion(), old == null ? null : old.lastNackError(),
        old != null && old.connected() ? old.since() : clock.instant()));
  }

  void sent(String node, long version) {
    byNode.computeIfPresent(node, (n, s) -> new ProxyStatus(n, s.service(), s.namespace(),
        s.upstreams(), s.connected(), version, s.lastAckedVersion(), s.lastNackedVersion(),
        s.lastNackError(), s.since()));
  }

  void acked(String node, long version) {
    byNode.computeIfPresent(node, (n, s) -> new ProxyStatus(n, s.service(), s.namespace(),
        s.upstreams(), s.connected(), s.lastSentVersion(), version, s.lastNackedVersion(),
        s.lastNackError(), s.since()));
  }

  void nacked(String node, long version, String error) {
    byNode.computeIfPresent(node, (n, s) -> new ProxyStatus(n, s.service(), s.namespace(),
        s.upstreams(), s.connected(), s.lastSentVersion(), s.lastAckedVersion(), version,
        error, s.since()));
  }

  void disconnected(String node) {
    byNode.computeIfPresent(node, (n, s) -> new ProxyStatus(n, s.service(), s.namespace(),
        s.upstreams(), false, s.lastSentVersion(), s.lastAckedVersion(), s.lastNackedVersion(),
        s.lastNackError(), s.since()));
  }

  /** Every node, ordered by name. */
  public List<ProxyStatus> all() {
    return byNode.values().stream().sorted(Comparator.comparing(ProxyStatus::node)).toList();
  }
}
