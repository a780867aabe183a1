package dev.trellis.api.client;

import dev.trellis.api.watch.Snapshot;

/**
 * Receives what a {@link SnapshotWatch} sees.
 *
 * <p>Threading: called from the client's threads, one call at a time, never concurrently; calls
 * should return quickly (validating and swapping a snapshot is fine, blocking I/O is not), since
 * the next frame waits for them. An exception thrown by {@link #onSnapshot} is answered with a
 * nack carrying its message.
 */
public interface WatchListener {

  /** A new full snapshot arrived; the answer is sent back as an ack or a nack. */
  SnapshotDecision onSnapshot(Snapshot snapshot);

  /** The watch is connected and subscribed (again, after a reconnect). */
  default void onConnected() {}

  /** The connection dropped or could not be opened; a reconnect is scheduled after it. */
  default void onDisconnected(Throwable cause) {}
}
