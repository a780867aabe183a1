package dev.trellis.bench.jmh;

import dev.trellis.proxy.balance.Balancer;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.balance.Balancers;
import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.balance.EndpointLoad;
import dev.trellis.proxy.balance.EndpointLoads;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The balancer's per-request cost, for every kind over 3 and 30 endpoints: a bare
 * {@code pick}, and the whole per-request duty of the outbound path (pick, look up the
 * endpoint's load, count the request in and out with its latency).
 *
 * <p>Load-aware balancers are measured on warm figures (every endpoint has latency samples), as
 * they run in steady state. Hash requests cycle through 1024 distinct keys so the Maglev lookup
 * is not a single cached slot. Run through {@code bench/run jmh} with {@code -prof gc} to see
 * the allocation per pick, which the balancer contract bounds at "a few objects".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BalancerPickBenchmark {

  @Param({"PEAK_EWMA", "LEAST_REQUEST", "ROUND_ROBIN", "RANDOM", "CONSISTENT_HASH"})
  public BalancerConfig.Kind kind;

  @Param({"3", "30"})
  public int endpoints;

  private Balancer balancer;
  private EndpointLoads loads;
  private HeaderRequest[] requests;

  /** Per-thread cursor over the requests, so threads do not share a counter. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() {
    List<Endpoint> list = new ArrayList<>();
    for (int i = 0; i < endpoints; i++) {
      list.add(Endpoint.of("backend-" + i, "127.0.0.1", 20_000 + i));
    }
    loads = new EndpointLoads(System::nanoTime);
    SplittableRandom random = new SplittableRandom(42);
    for (Endpoint endpoint : list) {
      EndpointLoad load = loads.of(endpoint);
      for (int sample = 0; sample < 10; sample++) {
        load.requestStarted();
        load.requestFinished(TimeUnit.MICROSECONDS.toNanos(200 + random.nextInt(800)), false);
      }
    }
    BalancerConfig config = kind == BalancerConfig.Kind.CONSISTENT_HASH
        ? new BalancerConfig(kind, "x-user", null, false)
        : BalancerConfig.of(kind);
    balancer = Balancers.create(config, list, loads);
    requests = new HeaderRequest[1024];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new HeaderRequest("x-user", "user-" + random.nextLong());
    }
  }

  @Benchmark
  public Endpoint pick(Cursor cursor) {
    return balancer.pick(nextRequest(cursor));
  }

  @Benchmark
  public Endpoint pickAndReport(Cursor cursor) {
    Endpoint endpoint = balancer.pick(nextRequest(cursor));
    EndpointLoad load = loads.of(endpoint);
    load.requestStarted();
    load.requestFinished(350_000, false);
    return endpoint;
  }

  private HeaderRequest nextRequest(Cursor cursor) {
    HeaderRequest request = requests[cursor.next];
    cursor.next = (cursor.next + 1) & (requests.length - 1);
    return request;
  }
}
