package dev.trellis.proxy.control;

/** Whether a sidecar runs what the control plane currently says. */
public enum SyncState {
  /** The last snapshot the control plane sent was accepted and is being served. */
  IN_SYNC,
  /**
   * Not (yet) running what the control plane says: no snapshot received yet, the control plane
   * is unreachable, or the latest snapshot was refused. The proxy serves its last good view.
   */
  OUT_OF_SYNC
}
