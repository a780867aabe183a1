package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.balance.BalancerConfig.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastRequestBalancerTest {

  private final EndpointLoads loads = new EndpointLoads(new FakeNanoClock());
  private final List<Endpoint> endpoints = Endpoints.many(3);
  private final Balancer balancer = Balancers.create(BalancerConfig.of(Kind.LEAST_REQUEST), endpoints, loads);

  @Test
  void avoidsAnEndpointWithManyInFlight() {
    Endpoint busy = endpoints.get(0);
    for (int i = 0; i < 50; i++) {
      loads.of(busy).requestStarted();
    }
    Map<Endpoint, Integer> counts = new HashMap<>();

    for (int i = 0; i < 3_000; i++) {
      counts.merge(balancer.pick(PickRequest.NONE), 1, Integer::sum);
    }

    assertThat(counts).doesNotContainKey(busy);
    assertThat(counts.get(endpoints.get(1))).isBetween(1_200, 1_800);
  }

  @Test
  void keepsInFlightCountsCloseWhenRequestsPileUp() {
    // Requests start and never finish: every pick should go where the fewest are waiting.
    for (int i = 0; i < 3_000; i++) {
      loads.of(balancer.pick(PickRequest.NONE)).requestStarted();
    }
    int max = 0;
    int min = Integer.MAX_VALUE;
    for (Endpoint endpoint : endpoints) {
      max = Math.max(max, loads.of(endpoint).inFlight());
      min = Math.min(min, loads.of(endpoint).inFlight());
    }
    // Random would differ by about a hundred; two choices keep them within a handful.
    assertThat(max - min).isLessThanOrEqualTo(10);
  }
}
