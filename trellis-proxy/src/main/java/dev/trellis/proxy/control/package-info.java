/**
 * The sidecar's link to the control plane: registration under a lease, the snapshot watch, the
 * translation of each snapshot into what the data path runs, the disk cache of the last good
 * one, and the sync state the admin port reports.
 *
 * <pre>
 *   ControlClient --snapshot--> MeshLink --> SnapshotTranslator --> SidecarProxy.apply
 *                                  |  ack / nack                      (atomic swap)
 *                                  +--> SnapshotCache (last good, on disk)
 *                                  +--> LinkStatus (IN_SYNC / OUT_OF_SYNC, from cache)
 * </pre>
 *
 * <p>A snapshot is run whole or not at all: any invalid document or endpoint nacks it and the
 * previous view stays. Losing the control plane never empties the view.
 */
package dev.trellis.proxy.control;
