package dev.trellis.proxy.mesh;

import java.time.Duration;

/**
 * How callers treat a service beyond balancing (from the {@code TrafficPolicy} targeting it).
 *
 * @param requestTimeout how long a request may wait for its response to start, connecting
 *     included; null for no limit
 */
public record ServicePolicy(Duration requestTimeout) {
  /** No policy: no timeout. */
  public static final ServicePolicy NONE = new ServicePolicy(null);

  public ServicePolicy {
    if (requestTimeout != null && (requestTimeout.isZero() || requestTimeout.isNegative())) {
      throw new IllegalArgumentException("requestTimeout: " + requestTimeout + " (expected: > 0)");
    }
  }
}
