package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointLoadsTest {

  private final FakeNanoClock clock = new FakeNanoClock();
  private final EndpointLoads loads = new EndpointLoads(clock);

  @Test
  void createsFiguresOnFirstUseAndReturnsTheSameAfterwards() {
    Endpoint a = Endpoint.of("a", "127.0.0.1", 1);

    EndpointLoad first = loads.of(a);

    assertThat(loads.of(a)).isSameAs(first);
    assertThat(loads.of(new Endpoint("a", "127.0.0.1", 1, "other-zone", null))).isSameAs(first);
    assertThat(first.inFlight()).isZero();
    assertThat(first.hasSamples()).isFalse();
  }

  @Test
  void aNewBalancerForTheSameEndpointsKeepsWhatWasMeasured() {
    List<Endpoint> endpoints = Endpoints.many(3);
    Endpoint slow = endpoints.get(0);
    Balancers.create(BalancerConfig.DEFAULT, endpoints, loads);
    for (Endpoint endpoint : endpoints) {
      record(endpoint, endpoint.equals(slow) ? Duration.ofMillis(200) : Duration.ofMillis(10));
    }

    // A new snapshot: same endpoints in another order, plus one.
    List<Endpoint> next = List.of(endpoints.get(2), Endpoint.of("e9", "127.0.0.1", 10_009), endpoints.get(1), slow);
    loads.retainOnly(next);
    Balancer balancer = Balancers.create(BalancerConfig.DEFAULT, next, loads);

    assertThat(loads.of(slow).peakEwmaNanos()).isEqualTo(Duration.ofMillis(200).toNanos());
    int slowPicks = 0;
    for (int i = 0; i < 2_000; i++) {
      Endpoint picked = balancer.pick(PickRequest.NONE);
      slowPicks += picked.equals(slow) ? 1 : 0;
    }
    // It remembers which one is slow: with P2C that one never wins against a measured fast one.
    assertThat(slowPicks).isZero();
  }

  @Test
  void forgetsEndpointsThatLeft() {
    List<Endpoint> endpoints = Endpoints.many(3);
    for (Endpoint endpoint : endpoints) {
      record(endpoint, Duration.ofMillis(5));
      loads.of(endpoint).requestStarted();
    }

    loads.retainOnly(endpoints.subList(1, 3));

    assertThat(loads.size()).isEqualTo(2);
    EndpointLoad removedThenBack = loads.of(endpoints.get(0));
    assertThat(removedThenBack.hasSamples()).isFalse();
    assertThat(removedThenBack.inFlight()).isZero();
    assertThat(loads.of(endpoints.get(1)).inFlight()).isEqualTo(1);
  }

  private void record(Endpoint endpoint, Duration latency) {
    EndpointLoad load = loads.of(endpoint);
    load.requestStarted();
    load.requestFinished(latency.toNanos(), false);
  }
}
