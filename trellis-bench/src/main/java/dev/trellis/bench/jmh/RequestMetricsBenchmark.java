package dev.trellis.bench.jmh;

import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;
import dev.trellis.proxy.metrics.ProxyMetrics;
import dev.trellis.proxy.metrics.RequestMetrics;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording one ended request in the proxy's metrics: {@link RequestMetrics#record}, what the
 * metrics stage runs when an exchange finishes (find the service's series, find the outcome's
 * cached data points, add to the request counter and the latency histogram).
 *
 * <ul>
 *   <li>{@code success}: a 200 from upstream, the common case;</li>
 *   <li>{@code proxyError}: a 503 the proxy made itself (no healthy endpoint), which also derives
 *       the error kind from the reason and adds to the error counter;</li>
 *   <li>{@code spread}: 200s over 8 services of one view, in turn, so the lookup is not always
 *       the same entry;</li>
 *   <li>{@code leanFloor}: what a hand-made recorder would do at least (a {@link LongAdder} for the
 *       count, a bucket scan and adders for the histogram), the floor the Prometheus client's
 *       figures are to be read against.</li>
 * </ul>
 *
 * <p>The exchanges are real, started by the proxy's bridge (see {@link CapturedExchange}), routed
 * and answered once in setup; recording reads their state only, so they are recorded again and
 * again. Single-threaded: each event loop records its own exchanges, and the client's adders are
 * striped, so threads do not share a cache line in the common case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RequestMetricsBenchmark {
  private static final int SERVICES = 8;
  private static final double[] BOUNDS = {
    0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000
  };

  private final List<CapturedExchange> captured = new ArrayList<>();
  private RequestMetrics stage;
  private HttpExchange ok;
  private HttpExchange failed;
  private HttpExchange[] spread;
  private int turn;

  private final LongAdder leanCount = new LongAdder();
  private final LongAdder[] leanBuckets = new LongAdder[BOUNDS.length + 1];
  private final DoubleAdder leanSum = new DoubleAdder();

  @Setup(Level.Trial)
  public void setUp() {
    List<ServiceDefinition> services = new ArrayList<>();
    for (int i = 0; i < SERVICES; i++) {
      services.add(new ServiceDefinition(ServiceKey.of("svc-" + i),
          List.of(new ServicePort(8080, AppProtocol.HTTP)), List.of(),
          new BalancerConfig(BalancerConfig.Kind.ROUND_ROBIN, null, null, false)));
    }
    MeshView view = MeshView.build(1, services, new EndpointLoads(System::nanoTime));
    stage = RequestMetrics.outbound(new ProxyMetrics(), view, System::nanoTime, exchange -> { });
    ok = answered(view, "svc-0", HttpResponseStatus.OK);
    failed = exchange(view, "svc-1");
    failed.fail(ProxyError.noHealthyEndpoint("svc-1", 2, 0));
    spread = new HttpExchange[SERVICES];
    for (int i = 0; i < SERVICES; i++) {
      spread[i] = answered(view, "svc-" + i, HttpResponseStatus.OK);
    }
    for (int i = 0; i < leanBuckets.length; i++) {
      leanBuckets[i] = new LongAdder();
    }
  }

  private HttpExchange answered(MeshView view, String service, HttpResponseStatus status) {
    HttpExchange exchange = exchange(view, service);
    exchange.respond(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
    return exchange;
  }

  /** A request for {@code service}, routed there as the resolver would. */
  private HttpExchange exchange(MeshView view, String service) {
    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/items");
    request.headers().set(HttpHeaderNames.HOST, service);
    CapturedExchange capture = CapturedExchange.of(request, true);
    captured.add(capture);
    ServiceView target = view.service(ServiceKey.of(service));
    capture.exchange().route(target, target.firstHttpPort());
    return capture.exchange();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    captured.forEach(CapturedExchange::close);
  }

  @Benchmark
  public void success() {
    stage.record(ok);
  }

  @Benchmark
  public void proxyError() {
    stage.record(failed);
  }

  @Benchmark
  public void spread() {
    stage.record(spread[turn++ & (SERVICES - 1)]);
  }

  @Benchmark
  public void leanFloor() {
    // A clock read, as the stage makes, turned into 0-4 ms so the bucket scan varies as it would.
    double millis = (System.nanoTime() & 0x3F_FFFF) / 1e6;
    leanCount.increment();
    int bucket = 0;
    while (bucket < BOUNDS.length && millis > BOUNDS[bucket]) {
      bucket++;
    }
    leanBuckets[bucket].increment();
    leanSum.add(millis);
  }
}
