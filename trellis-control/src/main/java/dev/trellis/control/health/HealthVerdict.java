package dev.trellis.control.health;

import dev.trellis.api.registry.Health;

/**
 * Turns a stream of probe outcomes into a health that flips only after enough of them agree:
 * {@code unhealthyThreshold} failures in a row mark an endpoint UNHEALTHY, {@code healthyThreshold}
 * successes in a row mark it HEALTHY. One result the other way resets the streak.
 *
 * <p>Not thread-safe: one checker thread owns it.
 */
final class HealthVerdict {
  private final int healthyThreshold;
  private final int unhealthyThreshold;
  private Health health;
  private int successes;
  private int failures;

  HealthVerdict(Health initial, int healthyThreshold, int unhealthyThreshold) {
    this.health = initial;
    this.healthyThreshold = healthyThreshold;
    this.unhealthyThreshold = unhealthyThreshold;
  }

  /** Counts one outcome; returns the new health when it flipped, or null when it did not. */
  Health record(boolean success) {
    if (success) {
      failures = 0;
      successes++;
      if (health != Health.HEALTHY && successes >= healthyThreshold) {
        health = Health.HEALTHY;
        return health;
      }
    } else {
      successes = 0;
      failures++;
      if (health != Health.UNHEALTHY && failures >= unhealthyThreshold) {
        health = Health.UNHEALTHY;
        return health;
      }
    }
    return null;
  }

  Health health() {
    return health;
  }
}
