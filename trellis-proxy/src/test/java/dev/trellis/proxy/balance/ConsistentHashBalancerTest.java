package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.balance.BalancerConfig.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistentHashBalancerTest {

  private static final int KEYS = 20_000;
  private static final BalancerConfig BY_USER_HEADER =
      new BalancerConfig(Kind.CONSISTENT_HASH, "X-User", null, false);

  private final EndpointLoads loads = new EndpointLoads(new FakeNanoClock());

  @Test
  void sendsTheSameKeyToTheSameEndpoint() {
    List<Endpoint> endpoints = Endpoints.many(5);
    Balancer balancer = create(BY_USER_HEADER, endpoints);
    List<Endpoint> reversed = new ArrayList<>(endpoints);
    Collections.reverse(reversed);
    Balancer rebuiltInOtherOrder = create(BY_USER_HEADER, reversed);

    for (int key = 0; key < 200; key++) {
      PickRequest request = TestRequest.withHeader("x-user", "user-" + key);
      Endpoint first = balancer.pick(request);
      for (int again = 0; again < 5; again++) {
        assertThat(balancer.pick(request)).isEqualTo(first);
      }
      assertThat(rebuiltInOtherOrder.pick(request)).isEqualTo(first);
    }
  }

  @Test
  void spreadsKeysEvenly() {
    List<Endpoint> endpoints = Endpoints.many(5);
    Map<Endpoint, Integer> counts = countByEndpoint(create(BY_USER_HEADER, endpoints));

    // 4,000 expected each; the table itself is balanced to within one slot.
    assertThat(counts).containsOnlyKeys(endpoints)
        .allSatisfy((endpoint, count) -> assertThat(count).isBetween(3_600, 4_400));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 9, 20})
  void addingAnEndpointMovesAboutOneNthOfTheKeysAndOnlyToIt(int before) {
    Balancer smaller = create(BY_USER_HEADER, Endpoints.many(before));
    List<Endpoint> grown = Endpoints.many(before + 1);
    Endpoint added = grown.get(before);
    Balancer larger = create(BY_USER_HEADER, grown);

    int moved = 0;
    int movedElsewhere = 0;
    for (int key = 0; key < KEYS; key++) {
      PickRequest request = TestRequest.withHeader("x-user", "user-" + key);
      Endpoint was = smaller.pick(request);
      Endpoint is = larger.pick(request);
      if (!was.equals(is)) {
        moved++;
        movedElsewhere += is.equals(added) ? 0 : 1;
      }
    }
    // Ideal is KEYS / (before + 1); a modulo hash would move about before / (before + 1) of them.
    double ideal = KEYS / (before + 1.0);
    assertThat((double) moved).isBetween(ideal * 0.8, ideal * 1.25);
    assertThat(movedElsewhere).isLessThan(KEYS / 100);
  }

  @Test
  void removingAnEndpointMovesLittleBesidesItsOwnKeys() {
    List<Endpoint> five = Endpoints.many(5);
    Endpoint removed = five.get(2);
    List<Endpoint> four = new ArrayList<>(five);
    four.remove(removed);
    Balancer before = create(BY_USER_HEADER, five);
    Balancer after = create(BY_USER_HEADER, four);

    int bystandersMoved = 0;
    for (int key = 0; key < KEYS; key++) {
      PickRequest request = TestRequest.withHeader("x-user", "user-" + key);
      Endpoint was = before.pick(request);
      if (!was.equals(removed) && !was.equals(after.pick(request))) {
        bystandersMoved++;
      }
    }
    assertThat(bystandersMoved).isLessThan(KEYS / 100);
  }

  @Test
  void aRequestWithoutTheKeyGetsARandomEndpoint() {
    List<Endpoint> endpoints = Endpoints.many(4);
    Balancer balancer = create(BY_USER_HEADER, endpoints);
    Map<Endpoint, Integer> counts = new HashMap<>();

    for (int i = 0; i < 4_000; i++) {
      counts.merge(balancer.pick(TestRequest.withHeader("x-other", "same")), 1, Integer::sum);
    }
    counts.merge(balancer.pick(null), 1, Integer::sum);

    assertThat(counts).containsOnlyKeys(endpoints)
        .allSatisfy((endpoint, count) -> assertThat(count).isBetween(700, 1_300));
  }

  @Test
  void hashesOnACookieOrTheSourceAddress() {
    List<Endpoint> endpoints = Endpoints.many(6);
    Balancer byCookie = create(new BalancerConfig(Kind.CONSISTENT_HASH, null, "session", false), endpoints);
    Balancer bySource = create(new BalancerConfig(Kind.CONSISTENT_HASH, null, null, true), endpoints);

    Set<Endpoint> cookieTargets = new HashSet<>();
    Set<Endpoint> sourceTargets = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      PickRequest withCookie = TestRequest.withCookie("session", "s" + i);
      PickRequest fromSource = TestRequest.from("10.0." + (i / 250) + "." + (i % 250));
      assertThat(byCookie.pick(withCookie)).isEqualTo(byCookie.pick(withCookie));
      assertThat(bySource.pick(fromSource)).isEqualTo(bySource.pick(fromSource));
      cookieTargets.add(byCookie.pick(withCookie));
      sourceTargets.add(bySource.pick(fromSource));
    }
    assertThat(cookieTargets).containsExactlyInAnyOrderElementsOf(endpoints);
    assertThat(sourceTargets).containsExactlyInAnyOrderElementsOf(endpoints);
  }

  @Test
  void theHeaderWinsOverTheCookieWhichWinsOverTheSource() {
    List<Endpoint> endpoints = Endpoints.many(8);
    Balancer all = create(new BalancerConfig(Kind.CONSISTENT_HASH, "x-user", "session", true), endpoints);
    Balancer headerOnly = create(BY_USER_HEADER, endpoints);
    Balancer cookieOnly = create(new BalancerConfig(Kind.CONSISTENT_HASH, null, "session", false), endpoints);
    Balancer sourceOnly = create(new BalancerConfig(Kind.CONSISTENT_HASH, null, null, true), endpoints);

    for (int i = 0; i < 100; i++) {
      PickRequest everything = new TestRequest(
          Map.of("x-user", "u" + i), Map.of("session", "s" + i), "10.1.0." + i);
      PickRequest cookieAndSource = new TestRequest(Map.of(), Map.of("session", "s" + i), "10.1.0." + i);
      PickRequest sourceOnlyRequest = TestRequest.from("10.1.0." + i);

      assertThat(all.pick(everything)).isEqualTo(headerOnly.pick(everything));
      assertThat(all.pick(cookieAndSource)).isEqualTo(cookieOnly.pick(cookieAndSource));
      assertThat(all.pick(sourceOnlyRequest)).isEqualTo(sourceOnly.pick(sourceOnlyRequest));
    }
  }

  private Balancer create(BalancerConfig config, List<Endpoint> endpoints) {
    return Balancers.create(config, endpoints, loads);
  }

  private static Map<Endpoint, Integer> countByEndpoint(Balancer balancer) {
    Map<Endpoint, Integer> counts = new HashMap<>();
    for (int key = 0; key < KEYS; key++) {
      counts.merge(balancer.pick(TestRequest.withHeader("x-user", "user-" + key)), 1, Integer::sum);
    }
    return counts;
  }
}
