package dev.trellis.examples.bookstore.catalog;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Faults the catalog adds to its own answers on request, to show what the mesh does about them:
 * a fixed extra latency, and a share of requests answered 500.
 *
 * <p>Immutable; thread-safe when {@code random} is (the default, {@code Math::random}, is).
 *
 * @param latency added before every {@code /books} answer; zero for none
 * @param errorRate share of {@code /books} requests answered 500, 0.0 to 1.0
 * @param random draws uniformly from [0, 1); injectable so tests choose the outcome
 */
public record FaultInjection(Duration latency, double errorRate, DoubleSupplier random) {

  public static final FaultInjection NONE = new FaultInjection(Duration.ZERO, 0.0, Math::random);

  public FaultInjection {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("--latency-ms: " + latency.toMillis() + " (expected: >= 0)");
    }
    if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
      throw new IllegalArgumentException("--error-rate: " + errorRate + " (expected: 0.0..1.0)");
    }
  }

  /** True when this request should fail; draws once per call. */
  public boolean failThisRequest() {
    return errorRate > 0.0 && random.getAsDouble() < errorRate;
  }

  /** Waits out the configured latency on the calling (virtual) thread. */
  public void delay() throws InterruptedException {
    if (!latency.isZero()) {
      Thread.sleep(latency);
    }
  }

  /** For the start-up line: {@code none}, or e.g. {@code latency 200ms, 10% errors}. */
  public String describe() {
    if (latency.isZero() && errorRate == 0.0) {
      return "none";
    }
    return "latency " + latency.toMillis() + "ms, " + Math.round(errorRate * 100) + "% errors";
  }
}
