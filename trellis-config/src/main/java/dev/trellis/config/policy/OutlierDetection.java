package dev.trellis.config.policy;

import java.time.Duration;

/**
 * Passive health: endpoints that keep failing are ejected from balancing for a while.
 *
 * @param consecutive5xxErrors failures in a row (5xx, or connect failures) that eject; default 5
 * @param interval             how often ejections are reviewed; default 10s
 * @param baseEjectionTime     first ejection length, multiplied by the number of ejections;
 *                             default 30s
 * @param maxEjectionPercent   0..100 of a target's endpoints that may be ejected at once, so that
 *                             a bad day does not eject everything; default 50
 */
public record OutlierDetection(int consecutive5xxErrors, Duration interval,
    Duration baseEjectionTime, int maxEjectionPercent) {
  public static final OutlierDetection DEFAULT =
      new OutlierDetection(5, Duration.ofSeconds(10), Duration.ofSeconds(30), 50);
}
