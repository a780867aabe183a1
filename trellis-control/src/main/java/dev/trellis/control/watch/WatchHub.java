package dev.trellis.control.watch;

import dev.trellis.api.watch.Snapshot;
import dev.trellis.control.store.MeshState;
import dev.trellis.control.store.StateStore;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Fans every committed state out to the open watches, each of which decides whether its proxy's
 * scope changed.
 *
 * <p>Scoping runs on the hub's own thread, in version order, so that many watchers never slow
 * down the store's writer. Thread-safe.
 */
public final class WatchHub implements AutoCloseable {
  private final StateStore store;
  private final ProxyStatusBook book;
  private final Set<WatchSession> sessions = new CopyOnWriteArraySet<>();
  private final ExecutorService fanOut = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().daemon().name("trellis-watch-fanout").factory());

  public WatchHub(StateStore store, ProxyStatusBook book) {
    this.store = store;
    this.book = book;
    store.addListener(state -> {
      if (!fanOut.isShutdown()) {
        fanOut.execute(() -> offerAll(state));
      }
    });
  }

  /** Opens a session whose snapshots go to {@code sink}; close it with {@link #close(WatchSession)}. */
  public WatchSession open(Consumer<Snapshot> sink) {
    WatchSession session = new WatchSession(sink, book);
    sessions.add(session);
    return session;
  }

  public void close(WatchSession session) {
    sessions.remove(session);
    session.closed();
  }

  /** The state a new subscription starts from. */
  public MeshState current() {
    return store.current();
  }

  private void offerAll(MeshState state) {
    for (WatchSession session : sessions) {
      session.offer(state);
    }
  }

  @Override
  public void close() {
    fanOut.shutdownNow();
  }
}
