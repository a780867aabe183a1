package dev.trellis.proxy.balance;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Live load figures of one endpoint: requests in flight and a peak-EWMA of their latency.
 *
 * <p>The latency estimate follows Finagle's and Linkerd's peak EWMA: a response slower than the
 * estimate replaces it at once (peak), a faster one pulls it down with a weight that grows with
 * the time since the previous response, so the estimate forgets with a time constant of
 * {@value #DECAY_SECONDS} s however many requests arrive. While no response arrives the reported
 * estimate decays toward zero with the same time constant, so an endpoint that was slow and was
 * therefore left alone is tried again later instead of being starved for good.
 *
 * <p>A failed request counts as a penalty latency: at least twice the current estimate (and at
 * least {@value #FAILURE_FLOOR_MILLIS} ms), so a fast-failing endpoint does not look attractive
 * and repeated failures push it further away; the penalty wears off like any peak.
 *
 * <p>Thread-safe and lock-free: any event loop may call any method. Instances are shared across
 * balancer snapshots through {@link EndpointLoads}, so a new endpoint list keeps what was measured.
 */
public final class EndpointLoad {

  static final long DECAY_SECONDS = 10;
  static final double DECAY_NANOS = TimeUnit.SECONDS.toNanos(DECAY_SECONDS);
  static final long FAILURE_FLOOR_MILLIS = 1;
  static final double FAILURE_FLOOR_NANOS = TimeUnit.MILLISECONDS.toNanos(FAILURE_FLOOR_MILLIS);
  static final double FAILURE_MULTIPLIER = 2.0;

  /**
   * Cost per in-flight request of an endpoint without samples (about 115 days): above any real
   * latency times queue, so it gets no second request before its first answer, yet among
   * several such endpoints the one with fewer requests out still wins.
   */
  static final double UNSAMPLED_BUSY_COST_PER_REQUEST = 1e16;

  /** The estimate as of the last response; replaced whole, so a reader never sees half of it. */
  private record Estimate(double nanos, long stampNanos) {}

  private static final Estimate NO_SAMPLES = new Estimate(0.0, 0L);

  private final LongSupplier nanoClock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicReference<Estimate> estimate = new AtomicReference<>(NO_SAMPLES);

  EndpointLoad(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Counts a request sent to this endpoint; pair every call with {@link #requestFinished}. */
  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  /**
   * Counts a request as finished and feeds its latency into the estimate.
   *
   * @param latencyNanos time from sending the request to its response (or failure); negative
   *                     values count as zero
   * @param failed       whether the request failed (connect error, reset, 5xx, timeout): it then
   *                     counts as a penalty latency
   */
  public void requestFinished(long latencyNanos, boolean failed) {
    inFlight.updateAndGet(EndpointLoad::decrementToZero);
    double sample = Math.max(0L, latencyNanos);
    long now = nanoClock.getAsLong();
    while (true) {
      Estimate current = estimate.get();
      double observed = sample;
      if (failed) {
        observed = Math.max(observed, Math.max(FAILURE_FLOOR_NANOS, current.nanos * FAILURE_MULTIPLIER));
      }
      Estimate next = new Estimate(blend(current, observed, now), now);
      if (estimate.compareAndSet(current, next)) {
        return;
      }
    }
  }

  /** Requests sent to this endpoint and not yet finished; never negative. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * The peak-EWMA latency in nanoseconds, decayed toward zero for the time since the last
   * response; {@code 0} before the first response.
   */
  public double peakEwmaNanos() {
    Estimate current = estimate.get();
    return current == NO_SAMPLES ? 0.0 : decayed(current, nanoClock.getAsLong());
  }

  /** Whether at least one response has been recorded. */
  public boolean hasSamples() {
    return estimate.get() != NO_SAMPLES;
  }

  /**
   * What sending one more request here costs: latency times (in flight + 1). An endpoint without
   * samples costs nothing while idle, so it is tried, and more than any measured endpoint while
   * its first request is out, so it is not flooded before anything is known about it.
   */
  double cost() {
    int pending = inFlight.get();
    Estimate current = estimate.get();
    if (current == NO_SAMPLES) {
      return pending * UNSAMPLED_BUSY_COST_PER_REQUEST;
    }
    return decayed(current, nanoClock.getAsLong()) * (pending + 1);
  }

  private static double blend(Estimate current, double sample, long now) {
    if (current == NO_SAMPLES || sample > current.nanos) {
      return sample; // the peak: a slower response is believed at once
    }
    double weightOfOld = Math.exp(-elapsed(current, now) / DECAY_NANOS);
    return current.nanos * weightOfOld + sample * (1.0 - weightOfOld);
  }

  private static double decayed(Estimate current, long now) {
    return current.nanos * Math.exp(-elapsed(current, now) / DECAY_NANOS);
  }

  private static double elapsed(Estimate current, long now) {
    // The clock may be read on different cores; never let a small step back count as negative.
    return Math.max(0L, now - current.stampNanos);
  }

  private static int decrementToZero(int value) {
    return value > 0 ? value - 1 : 0;
  }

  @Override
  public String toString() {
    return "EndpointLoad{inFlight=" + inFlight() + ", peakEwmaNanos=" + (long) peakEwmaNanos() + "}";
  }
}
