package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EndpointLoadTest {

  private static final double MS = 1_000_000.0;

  private final FakeNanoClock clock = new FakeNanoClock();
  private final EndpointLoad load = new EndpointLoad(clock);

  @Test
  void withoutSamplesItIsTriedOnceButNotFlooded() {
    assertThat(load.hasSamples()).isFalse();
    assertThat(load.peakEwmaNanos()).isZero();
    assertThat(load.cost()).isZero();

    load.requestStarted();

    assertThat(load.cost()).isGreaterThan(Duration.ofDays(1).toNanos() * 100.0);
  }

  @Test
  void costIsLatencyTimesInFlightPlusOne() {
    finish(10 * MS, false);
    load.requestStarted();
    load.requestStarted();

    assertThat(load.inFlight()).isEqualTo(2);
    assertThat(load.cost()).isCloseTo(30 * MS, within(1.0));
  }

  @Test
  void aSlowerResponseIsBelievedAtOnce() {
    finish(10 * MS, false);
    finish(100 * MS, false);

    assertThat(load.peakEwmaNanos()).isCloseTo(100 * MS, within(1.0));
  }

  @Test
  void aFasterResponseIsBlendedByTimeSinceThePreviousOne() {
    finish(100 * MS, false);
    clock.advance(Duration.ofSeconds(10));
    finish(10 * MS, false);

    double weightOfOld = Math.exp(-1);
    assertThat(load.peakEwmaNanos()).isCloseTo(100 * MS * weightOfOld + 10 * MS * (1 - weightOfOld), within(1.0));
  }

  @Test
  void manyQuickFastResponsesBringTheEstimateDownWithinAFewDecayTimes() {
    finish(100 * MS, false);
    for (int i = 0; i < 30_000; i++) { // 30 s of 1 ms apart responses of 10 ms
      clock.advance(Duration.ofMillis(1));
      finish(10 * MS, false);
    }
    assertThat(load.peakEwmaNanos()).isBetween(10 * MS, 15 * MS);
  }

  @Test
  void anIdleEstimateDecaysWithATenSecondTimeConstant() {
    finish(100 * MS, false);
    clock.advance(Duration.ofSeconds(10));

    assertThat(load.peakEwmaNanos()).isCloseTo(100 * MS * Math.exp(-1), within(1.0));
    clock.advance(Duration.ofMinutes(5));
    assertThat(load.peakEwmaNanos()).isLessThan(0.001 * MS);
  }

  @Test
  void aFailureCountsAsAPenaltyThatGrowsWithRepeats() {
    finish(10 * MS, false);
    finish(1 * MS, true);
    assertThat(load.peakEwmaNanos()).isCloseTo(20 * MS, within(1.0));
    finish(1 * MS, true);
    assertThat(load.peakEwmaNanos()).isCloseTo(40 * MS, within(1.0));
    finish(500 * MS, true);
    assertThat(load.peakEwmaNanos()).isCloseTo(500 * MS, within(1.0));
  }

  @Test
  void aFastFailureBeforeAnySampleStillCostsTheFloor() {
    finish(0, true);
    assertThat(load.hasSamples()).isTrue();
    assertThat(load.peakEwmaNanos()).isCloseTo(EndpointLoad.FAILURE_FLOOR_NANOS, within(1.0));
  }

  @Test
  void inFlightNeverGoesNegative() {
    load.requestFinished(1, false);
    assertThat(load.inFlight()).isZero();
    load.requestFinished(-5, false);
    assertThat(load.peakEwmaNanos()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void countsStayExactUnderConcurrentUse() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        workers.add(() -> {
          for (int i = 0; i < 20_000; i++) {
            load.requestStarted();
            load.requestFinished(1_000 + i % 7, i % 100 == 0);
          }
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(workers)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(load.inFlight()).isZero();
    assertThat(load.hasSamples()).isTrue();
  }

  private void finish(double latencyNanos, boolean failed) {
    load.requestStarted();
    load.requestFinished((long) latencyNanos, failed);
  }
}
