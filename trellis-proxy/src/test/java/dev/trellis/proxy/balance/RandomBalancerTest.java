package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.balance.BalancerConfig.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomBalancerTest {

  @Test
  void spreadsRoughlyUniformly() {
    List<Endpoint> endpoints = Endpoints.many(4);
    Balancer balancer =
        Balancers.create(BalancerConfig.of(Kind.RANDOM), endpoints, new EndpointLoads(new FakeNanoClock()));
    Map<Endpoint, Integer> counts = new HashMap<>();

    for (int i = 0; i < 40_000; i++) {
      counts.merge(balancer.pick(PickRequest.NONE), 1, Integer::sum);
    }

    // Expected 10,000 each with a standard deviation near 87: +-800 fails only when broken.
    assertThat(counts).containsOnlyKeys(endpoints)
        .allSatisfy((endpoint, count) -> assertThat(count).isBetween(9_200, 10_800));
  }
}
