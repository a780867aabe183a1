package dev.trellis.bench.load;

/**
 * When each request of an open-loop run is meant to be sent: request {@code i} at
 * {@code start + i * 1s / rate}, whatever happened to the requests before it.
 *
 * <p>Latency is measured from these intended times, not from the moment a request actually
 * left, so a stall in the system under test counts against every request that should have
 * been sent during it (no coordinated omission, as in wrk2 and Gil Tene's talks). Times are
 * computed from the index, never accumulated, so they do not drift over a long run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param startNanos   intended time of request 0, on the generator's nano clock
 * @param ratePerSecond requests per second; at least 1
 * @param count        how many requests the run sends; at least 1
 */
public record OpenLoopSchedule(long startNanos, int ratePerSecond, long count) {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  public OpenLoopSchedule {
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: >= 1)");
    }
    if (count < 1) {
      throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
    }
  }

  /** A schedule of {@code rate} requests per second for {@code durationNanos}, starting at {@code startNanos}. */
  public static OpenLoopSchedule of(long startNanos, int ratePerSecond, long durationNanos) {
    if (durationNanos <= 0) {
      throw new IllegalArgumentException("durationNanos: " + durationNanos + " (expected: > 0)");
    }
    long count = Math.max(1, Math.multiplyExact(durationNanos, (long) ratePerSecond) / NANOS_PER_SECOND);
    return new OpenLoopSchedule(startNanos, ratePerSecond, count);
  }

  /**
   * The intended send time of request {@code index}.
   *
   * @param index 0..count-1
   */
  public long intendedNanos(long index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("index: " + index + " (expected: 0.." + (count - 1) + ")");
    }
    return startNanos + index * NANOS_PER_SECOND / ratePerSecond;
  }

  /** The intended time just after the last request: where the run's sending ends. */
  public long endNanos() {
    return startNanos + count * NANOS_PER_SECOND / ratePerSecond;
  }

  /**
   * How many requests are due at {@code nowNanos}: those whose intended time is not after it.
   * A generator that fell behind sends all of them at once, then waits for the next.
   */
  public long dueBy(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    if (nowNanos - startNanos >= endNanos() - startNanos) {
      return count;
    }
    // intended(i) <= now  <=>  floor(i * 1e9 / rate) <= d  <=>  i < (d + 1) * rate / 1e9
    long elapsed = nowNanos - startNanos;
    long due = ceilDiv(Math.multiplyExact(elapsed + 1, (long) ratePerSecond), NANOS_PER_SECOND);
    return Math.min(due, count);
  }

  private static long ceilDiv(long dividend, long divisor) {
    return -Math.floorDiv(-dividend, divisor);
  }
}
