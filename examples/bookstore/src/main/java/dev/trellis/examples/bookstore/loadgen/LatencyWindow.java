package dev.trellis.examples.bookstore.loadgen;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects request outcomes (latency, and what went wrong if anything) and summarizes them.
 *
 * <p>Thread-safe: completions arrive on the HTTP client's threads while the reporter reads.
 * Memory is bounded by the generator's request count, which is bounded itself.
 */
final class LatencyWindow {
  private long[] latencies = new long[64];
  private int count;
  private long errors;
  private final Map<String, Long> errorKinds = new TreeMap<>();

  /** A summary of the outcomes recorded. Latencies in nanoseconds; 0 when nothing was recorded. */
  record Stats(long requests, long errors, long p50Nanos, long p99Nanos, Map<String, Long> errorKinds) {
    double errorRate() {
      return requests == 0 ? 0.0 : (double) errors / requests;
    }
  }

  /** Records one request; {@code errorKind} null for a success, e.g. {@code 502} or {@code timeout} otherwise. */
  synchronized void record(long latencyNanos, String errorKind) {
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = latencyNanos;
    if (errorKind != null) {
      errors++;
      errorKinds.merge(errorKind, 1L, Long::sum);
    }
  }

  synchronized Stats stats() {
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return new Stats(count, errors, percentile(sorted, 0.50), percentile(sorted, 0.99), Map.copyOf(errorKinds));
  }

  /** The stats so far, and a fresh start for the next window. */
  synchronized Stats drain() {
    Stats stats = stats();
    count = 0;
    errors = 0;
    errorKinds.clear();
    return stats;
  }

  /** Nearest-rank percentile: the smallest value with at least {@code q} of the values at or below it. */
  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
