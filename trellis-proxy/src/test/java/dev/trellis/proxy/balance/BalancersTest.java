package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trellis.proxy.balance.BalancerConfig.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BalancersTest {

  private final EndpointLoads loads = new EndpointLoads(new FakeNanoClock());

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEmptySetPicksNothing(Kind kind) {
    Balancer balancer = Balancers.create(config(kind), List.of(), loads);

    assertThat(balancer.pick(PickRequest.NONE)).isNull();
    assertThat(balancer.pick(TestRequest.withHeader("x-user", "u1"))).isNull();
    assertThat(balancer.endpoints()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSingleEndpointIsAlwaysPicked(Kind kind) {
    Endpoint only = Endpoint.of("only", "127.0.0.1", 9000);
    Balancer balancer = Balancers.create(config(kind), List.of(only), loads);

    for (int i = 0; i < 50; i++) {
      assertThat(balancer.pick(i % 2 == 0 ? PickRequest.NONE : null)).isEqualTo(only);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void pickOnlyFromTheSetAndListItOnceInTheGivenOrder(Kind kind) {
    List<Endpoint> endpoints = Endpoints.many(4);
    List<Endpoint> withRepeat = new ArrayList<>(endpoints);
    withRepeat.add(endpoints.get(2));
    Balancer balancer = Balancers.create(config(kind), withRepeat, loads);

    assertThat(balancer.endpoints()).containsExactlyElementsOf(endpoints);
    assertThatThrownBy(() -> balancer.endpoints().add(endpoints.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    for (int i = 0; i < 200; i++) {
      assertThat(balancer.pick(TestRequest.withHeader("x-user", "u" + i))).isIn(endpoints);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"PEAK_EWMA", "LEAST_REQUEST"})
  void powerOfTwoChoicesAlwaysComparesTwoDistinctEndpoints(Kind kind) {
    List<Endpoint> endpoints = Endpoints.many(2);
    Endpoint busy = endpoints.get(0);
    for (Endpoint endpoint : endpoints) {
      loads.of(endpoint).requestStarted();
      loads.of(endpoint).requestFinished(1_000_000, false);
    }
    loads.of(busy).requestStarted();
    Balancer balancer = Balancers.create(config(kind), endpoints, loads);

    // Were the two draws ever the same endpoint, the busy one would win about a quarter of picks.
    for (int i = 0; i < 1_000; i++) {
      assertThat(balancer.pick(PickRequest.NONE)).isEqualTo(endpoints.get(1));
    }
  }

  private static BalancerConfig config(Kind kind) {
    return kind == Kind.CONSISTENT_HASH
        ? new BalancerConfig(kind, "x-user", null, false)
        : BalancerConfig.of(kind);
  }
}
