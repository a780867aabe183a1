/**
 * {@code trellis status}: the registry's services, instances and health, and every proxy's sync
 * state ({@link dev.trellis.cli.status.ProxySync}), read from the control plane into one
 * immutable {@link dev.trellis.cli.status.MeshStatus} and printed as a table, JSON or YAML.
 */
package dev.trellis.cli.status;
