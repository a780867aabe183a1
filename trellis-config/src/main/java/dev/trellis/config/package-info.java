/**
 * The mesh configuration model: {@link dev.trellis.config.ConfigLoader} turns YAML or JSON
 * documents into validated, immutable {@link dev.trellis.config.Resource}s, and
 * {@link dev.trellis.config.MeshResources} checks that they refer to each other consistently.
 *
 * <p>Each kind has its spec records in a package of its own: {@code service}, {@code route}
 * (HTTPRoute and GRPCRoute), {@code policy} (TrafficPolicy), {@code authz}
 * (AuthorizationPolicy) and {@code mesh} (MeshConfig). Every refusal is a
 * {@link dev.trellis.config.ConfigError}, printed as
 * {@code file:line: field.path: value (expected: ...)}.
 */
package dev.trellis.config;
