/**
 * The snapshot watch: per proxy, the part of the mesh it needs ({@code SnapshotScope}), sent
 * whole whenever that part changes, and the versions each proxy acked or nacked.
 */
package dev.trellis.control.watch;
