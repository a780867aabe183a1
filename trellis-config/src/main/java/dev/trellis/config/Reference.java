package dev.trellis.config;

/**
 * One resource naming another, e.g. an {@code HTTPRoute} rule sending traffic to a
 * {@code Service}.
 *
 * @param path   the field path in the referring document, e.g. {@code spec.rules[0].backendRefs[1]}
 * @param line   the line of that field in the referring document's source, or 0
 * @param target the resource named
 * @param role   what the reference means, which decides how snapshots follow it
 */
public record Reference(String path, int line, ResourceKey target, Role role) {

  /** How a reference ties two resources together. */
  public enum Role {
    /** A route attaches to the service it is a parent of (GAMMA: calls to that service use it). */
    PARENT,
    /** A route sends traffic to this service. */
    BACKEND,
    /** A policy applies to this service or route. */
    TARGET
  }
}
