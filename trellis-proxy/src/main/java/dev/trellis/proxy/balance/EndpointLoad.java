package dev.trellis.proxy.balance;

import java.util.concurrent.atomic.AtomicInteger;

/** Placeholder of the balancer contract until the balancer branch is merged. */
public final class EndpointLoad {
  private final AtomicInteger inFlight = new AtomicInteger();

  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  public void requestFinished(long latencyNanos, boolean failed) {
    inFlight.decrementAndGet();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public double peakEwmaNanos() {
    return 0;
  }
}
