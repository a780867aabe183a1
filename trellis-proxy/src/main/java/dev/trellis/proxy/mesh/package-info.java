/**
 * The mesh as the proxy sees it: {@link dev.trellis.proxy.mesh.ServiceDefinition}s (plain values,
 * from a snapshot or a test) are built into an immutable {@link dev.trellis.proxy.mesh.MeshView},
 * with one balancer per service over its routable endpoints. Built off the hot path, read without
 * locks, replaced whole.
 */
package dev.trellis.proxy.mesh;
