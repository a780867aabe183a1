package dev.trellis.proxy.pool;

import java.time.Duration;

/**
 * Limits of the connection pools: how long a connection attempt may take, how long an unused
 * connection stays open, and how many connections and streams an endpoint gets per event loop.
 */
public record PoolSettings(
    Duration connectTimeout,
    Duration idleTimeout,
    int maxConnectionsPerEndpoint,
    int maxStreamsPerConnection) {

  public static final PoolSettings DEFAULT =
      new PoolSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), 4, 100);

  public PoolSettings {
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: > 0)");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
    }
    if (maxConnectionsPerEndpoint < 1) {
      throw new IllegalArgumentException(
          "maxConnectionsPerEndpoint: " + maxConnectionsPerEndpoint + " (expected: >= 1)");
    }
    if (maxStreamsPerConnection < 1) {
      throw new IllegalArgumentException(
          "maxStreamsPerConnection: " + maxStreamsPerConnection + " (expected: >= 1)");
    }
  }

  /** The connect timeout in milliseconds, as Netty's option wants it. */
  public int connectTimeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
  }
}
