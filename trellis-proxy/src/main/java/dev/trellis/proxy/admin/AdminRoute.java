package dev.trellis.proxy.admin;

/**
 * The handler of one admin path.
 *
 * <p>Threading: called on the admin port's event loop; must return quickly and never block (the
 * routes read immutable snapshots and lock-free counters).
 */
@FunctionalInterface
public interface AdminRoute {
  /** The answer to a GET of this route's path. */
  AdminResponse get();
}
