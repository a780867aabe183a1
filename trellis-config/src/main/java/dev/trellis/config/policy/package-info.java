/**
 * The {@code TrafficPolicy} kind: load balancing, connection limits, outlier detection,
 * retries, timeouts, rate limits and health checks for a service or route, attached by
 * {@code targetRef} (also used by authorization policies).
 */
package dev.trellis.config.policy;
