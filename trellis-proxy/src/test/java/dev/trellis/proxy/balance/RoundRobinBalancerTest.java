package dev.trellis.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.balance.BalancerConfig.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RoundRobinBalancerTest {

  private final List<Endpoint> endpoints = Endpoints.many(3);
  private final Balancer balancer =
      Balancers.create(BalancerConfig.of(Kind.ROUND_ROBIN), endpoints, new EndpointLoads(new FakeNanoClock()));

  @Test
  void givesExactlyEvenCounts() {
    Map<Endpoint, Integer> counts = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      counts.merge(balancer.pick(PickRequest.NONE), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys(endpoints).allSatisfy((endpoint, count) -> assertThat(count).isEqualTo(100));
  }

  @Test
  void rotatesInOrder() {
    Endpoint first = balancer.pick(PickRequest.NONE);
    int start = endpoints.indexOf(first);
    for (int i = 1; i < 10; i++) {
      assertThat(balancer.pick(PickRequest.NONE)).isEqualTo(endpoints.get((start + i) % 3));
    }
  }

  @Test
  void staysExactAcrossThreads() throws Exception {
    Map<Endpoint, LongAdder> counts = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        workers.add(() -> {
          for (int i = 0; i < 30_000; i++) {
            counts.computeIfAbsent(balancer.pick(PickRequest.NONE), e -> new LongAdder()).increment();
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
    assertThat(counts).containsOnlyKeys(endpoints)
        .allSatisfy((endpoint, count) -> assertThat(count.sum()).isEqualTo(40_000));
  }
}
