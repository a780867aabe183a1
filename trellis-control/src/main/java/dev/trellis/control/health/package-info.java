/**
 * Active health checks: for services whose {@code TrafficPolicy} has a {@code healthCheck}, one
 * virtual thread per instance probes it (HTTP GET or TCP connect) and reports health flips to
 * the registry.
 */
package dev.trellis.control.health;
