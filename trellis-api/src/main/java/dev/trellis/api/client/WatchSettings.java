package dev.trellis.api.client;

import java.time.Duration;

/**
 * How a {@link SnapshotWatch} copes with a control plane that goes away.
 *
 * @param backoff       the wait before each reconnect
 * @param silenceLimit  a connection on which nothing arrived (no snapshot, no ping) for this long
 *                      is taken for dead and replaced; the control plane pings every 15 s by
 *                      default, so the default 45 s survives two lost pings
 */
public record WatchSettings(Backoff backoff, Duration silenceLimit) {

  public WatchSettings {
    if (silenceLimit.isNegative() || silenceLimit.isZero()) {
      throw new IllegalArgumentException("silenceLimit: " + silenceLimit + " (expected: > 0)");
    }
  }

  public static WatchSettings defaults() {
    return new WatchSettings(Backoff.defaults(), Duration.ofSeconds(45));
  }

  public WatchSettings withBackoff(Backoff newBackoff) {
    return new WatchSettings(newBackoff, silenceLimit);
  }

  public WatchSettings withSilenceLimit(Duration limit) {
    return new WatchSettings(backoff, limit);
  }
}
