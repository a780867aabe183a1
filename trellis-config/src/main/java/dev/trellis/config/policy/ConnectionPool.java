package dev.trellis.config.policy;

import java.time.Duration;

/**
 * Limits on the connections and requests a proxy opens to each endpoint of the target.
 *
 * @param maxConnectionsPerEndpoint at least 1; default 1024
 * @param maxPendingRequests        requests waiting for a connection before the breaker sheds
 *                                  them (503); at least 1; default 1024
 * @param maxRequestsPerConnection  after this many requests a connection is retired; 0 (the
 *                                  default) for no limit
 * @param connectTimeout            default 1s
 * @param idleTimeout               an unused connection is closed after this; default 1h
 */
public record ConnectionPool(int maxConnectionsPerEndpoint, int maxPendingRequests,
    int maxRequestsPerConnection, Duration connectTimeout, Duration idleTimeout) {
  public static final ConnectionPool DEFAULT = new ConnectionPool(1024, 1024, 0,
      Duration.ofSeconds(1), Duration.ofHours(1));
}
