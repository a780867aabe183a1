package dev.trellis.api.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Jittered exponential backoff for reconnecting: attempt {@code n} waits a random time between
 * half and all of {@code min(max, initial * 2^n)} ("equal jitter"), so that many proxies losing
 * the control plane at once do not come back in lockstep, and none retries in a hot loop.
 *
 * <p>Immutable and thread-safe; {@code random} must return values in {@code [0, 1)}.
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

  public Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial: " + initial + " (expected: > 0)");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
    }
  }

  /** 200 ms doubling up to 30 s. */
  public static Backoff defaults() {
    return of(Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  public static Backoff of(Duration initial, Duration max) {
    return new Backoff(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** How long to wait before attempt {@code attempt} (0 for the first retry). */
  public Duration delay(int attempt) {
    long capMillis = max.toMillis();
    long ceiling = initial.toMillis();
    for (int i = 0; i < attempt && ceiling < capMillis; i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, capMillis);
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half + 1)));
  }
}
