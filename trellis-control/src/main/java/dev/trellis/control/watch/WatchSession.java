package dev.trellis.control.watch;

import dev.trellis.api.watch.Ack;
import dev.trellis.api.watch.Nack;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.control.store.MeshState;
import java.util.function.Consumer;

/**
 * One proxy's watch: what it subscribed to, and what it was last sent.
 *
 * <p>{@link #offer} sends a snapshot only when the scoped content differs from the last one sent,
 * so changes elsewhere in the mesh never reach this proxy. States may be offered from two threads
 * (the hub's, and the connection's on subscribe); the session keeps the newest it has seen, so a
 * late, older state can never overwrite a newer snapshot.
 *
 * <p>Thread-safe: every method synchronizes on the session; {@code sink} is called under that
 * lock and must not block (a Netty channel write is fine).
 */
public final class WatchSession {
  private final Consumer<Snapshot> sink;
  private final ProxyStatusBook book;
  private Subscription subscription; // guarded by this
  private MeshState newest; // guarded by this
  private SnapshotScope.Content lastSent; // guarded by this

  WatchSession(Consumer<Snapshot> sink, ProxyStatusBook book) {
    this.sink = sink;
    this.book = book;
  }

  /** Sets (or changes) what is watched and sends the snapshot for it at once. */
  public synchronized void subscribe(Subscription next, MeshState state) {
    if (subscription != null && !subscription.node().equals(next.node())) {
      book.disconnected(subscription.node());
    }
    subscription = next;
    lastSent = null;
    book.subscribed(next);
    offer(state);
  }

  /** Sends a snapshot of {@code state} when it is the newest seen and the scope changed. */
  public synchronized void offer(MeshState state) {
    if (newest == null || state.version() >= newest.version()) {
      newest = state;
    }
    if (subscription == null) {
      return;
    }
    SnapshotScope.Content content = SnapshotScope.of(newest, subscription);
    if (content.equals(lastSent)) {
      return;
    }
    lastSent = content;
    sink.accept(new Snapshot(newest.version(), content.resources(), content.endpoints()));
    book.sent(subscription.node(), newest.version());
  }

  public synchronized void ack(Ack ack) {
    if (subscription != null) {
      book.acked(subscription.node(), ack.version());
    }
  }

  public synchronized void nack(Nack nack) {
    if (subscription != null) {
      book.nacked(subscription.node(), nack.version(), nack.error());
    }
  }

  synchronized void closed() {
    if (subscription != null) {
      book.disconnected(subscription.node());
    }
  }
}
