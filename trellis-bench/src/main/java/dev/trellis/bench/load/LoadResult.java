package dev.trellis.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one open-loop run measured, over its measured window only.
 *
 * @param ratePerSecond    the offered rate
 * @param windowNanos      length of the measured window
 * @param completed        requests intended in the window that got a 2xx answer
 * @param errors           requests intended in the window that failed: non-2xx, connection
 *                         lost, or unanswered by the end of the drain
 * @param latencyNanos     latency from intended send time to the end of the response, of the
 *                         completed requests; owned by this result, not to be modified
 */
public record LoadResult(int ratePerSecond, long windowNanos, long completed, long errors,
    Histogram latencyNanos) {

  /** Completed requests per second of window. */
  public double achievedRps() {
    return completed * 1e9 / windowNanos;
  }

  /** The latency at {@code percentile} (0..100) in microseconds; 0 when nothing completed. */
  public double latencyMicros(double percentile) {
    return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getValueAtPercentile(percentile) / 1e3;
  }

  /** The largest latency in microseconds; 0 when nothing completed. */
  public double maxMicros() {
    return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getMaxValue() / 1e3;
  }
}
