package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * Drives the default balancer with simulated traffic on a fake clock: one request per
 * millisecond, each finishing after its endpoint's latency, so in-flight counts and latency
 * samples arrive as they would in a proxy.
 */
class PeakEwmaBalancerTest {

  private static final Duration FAST = Duration.ofMillis(10);
  private static final Duration SLOW = Duration.ofMillis(100);

  private final FakeNanoClock clock = new FakeNanoClock();
  private final EndpointLoads loads = new EndpointLoads(clock);
  private final List<Endpoint> endpoints = Endpoints.many(4);
  private final Endpoint slow = endpoints.get(0);
  private final Balancer balancer = Balancers.create(BalancerConfig.DEFAULT, endpoints, loads);
  private final Map<Endpoint, Duration> latency = new HashMap<>();
  private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>();

  private record InFlight(long finishNanos, Endpoint endpoint, long latencyNanos) implements Comparable<InFlight> {
    @Override
    public int compareTo(InFlight other) {
      return Long.compare(finishNanos, other.finishNanos);
    }
  }

  @Test
  void sendsFarLessToAnEndpointTenTimesSlower() {
    setLatencies(SLOW);

    Map<Endpoint, Integer> counts = run(Duration.ofSeconds(20));

    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(counts.getOrDefault(slow, 0)).isLessThan(total / 10);
    for (Endpoint fast : endpoints.subList(1, 4)) {
      assertThat(counts.get(fast)).isGreaterThan(total / 4);
    }
  }

  @Test
  void comesBackToAnEndpointWhoseLatencyImproves() {
    setLatencies(SLOW);
    run(Duration.ofSeconds(20));

    setLatencies(FAST);
    run(Duration.ofSeconds(60));
    Map<Endpoint, Integer> recovered = run(Duration.ofSeconds(10));

    int total = recovered.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(recovered.getOrDefault(slow, 0)).isGreaterThan(total / 6);
  }

  @Test
  void triesAnIdleSlowEndpointAgainOnceItsPeakHasDecayed() {
    for (Endpoint endpoint : endpoints) {
      EndpointLoad load = loads.of(endpoint);
      load.requestStarted();
      load.requestFinished((endpoint.equals(slow) ? SLOW : FAST).toNanos(), false);
    }
    assertThat(pickCounts(1_000)).doesNotContainKey(slow);

    // After 30 s idle the slow one's old 100 ms peak has decayed to 100 * e^-3, about 5 ms,
    // below the 10 ms the fast ones have just measured again.
    clock.advance(Duration.ofSeconds(30));
    for (Endpoint fast : endpoints.subList(1, 4)) {
      loads.of(fast).requestStarted();
      loads.of(fast).requestFinished(FAST.toNanos(), false);
    }
    assertThat(pickCounts(1_000).getOrDefault(slow, 0)).isGreaterThan(300);
  }

  @Test
  void avoidsAnEndpointThatKeepsFailingFast() {
    setLatencies(FAST);
    run(Duration.ofSeconds(2));
    EndpointLoad failing = loads.of(slow);
    for (int i = 0; i < 5; i++) {
      failing.requestStarted();
      failing.requestFinished(Duration.ofMillis(1).toNanos(), true);
    }

    Map<Endpoint, Integer> counts = pickCounts(1_000);

    assertThat(counts.getOrDefault(slow, 0)).isLessThan(100);
  }

  @Test
  void aNewEndpointGetsAProbeButIsNotFlooded() {
    setLatencies(FAST);
    run(Duration.ofSeconds(2));
    Endpoint fresh = Endpoint.of("fresh", "127.0.0.1", 20_000);
    List<Endpoint> grown = List.of(endpoints.get(0), endpoints.get(1), endpoints.get(2), endpoints.get(3), fresh);
    Balancer next = Balancers.create(BalancerConfig.DEFAULT, grown, loads);

    int freshPicks = 0;
    for (int i = 0; i < 1_000; i++) {
      Endpoint picked = next.pick(PickRequest.NONE);
      if (picked.equals(fresh)) {
        freshPicks++;
        loads.of(fresh).requestStarted(); // its answer has not come back yet
      }
    }
    assertThat(freshPicks).isEqualTo(1);
  }

  private void setLatencies(Duration slowLatency) {
    for (Endpoint endpoint : endpoints) {
      latency.put(endpoint, endpoint.equals(slow) ? slowLatency : FAST);
    }
  }

  /** One request per simulated millisecond for {@code duration}; returns the picks. */
  private Map<Endpoint, Integer> run(Duration duration) {
    Map<Endpoint, Integer> counts = new HashMap<>();
    long steps = duration.toMillis();
    for (long step = 0; step < steps; step++) {
      clock.advance(Duration.ofMillis(1));
      finishDue();
      Endpoint picked = balancer.pick(PickRequest.NONE);
      counts.merge(picked, 1, Integer::sum);
      loads.of(picked).requestStarted();
      long nanos = latency.get(picked).toNanos();
      inFlight.add(new InFlight(clock.getAsLong() + nanos, picked, nanos));
    }
    return counts;
  }

  private void finishDue() {
    while (!inFlight.isEmpty() && inFlight.peek().finishNanos() <= clock.getAsLong()) {
      InFlight done = inFlight.poll();
      loads.of(done.endpoint()).requestFinished(done.latencyNanos(), false);
    }
  }

  private Map<Endpoint, Integer> pickCounts(int picks) {
    Map<Endpoint, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      counts.merge(balancer.pick(PickRequest.NONE), 1, Integer::sum);
    }
    return counts;
  }
}
