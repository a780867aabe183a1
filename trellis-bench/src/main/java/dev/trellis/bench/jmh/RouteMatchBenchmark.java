package dev.trellis.bench.jmh;

import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.control.SnapshotRejected;
import dev.trellis.proxy.control.SnapshotTranslator;
import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;
import dev.trellis.proxy.route.RouteStage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The outbound routing decision per request: {@link RouteStage#serve}, the stage the data path
 * calls right after the service resolver, over the route tables of {@link RouteCase}.
 *
 * <p>It looks up the resolved service's table and the entries of the request's port, scans them
 * in precedence order for the first match, runs the rule's filters, draws a backend by weight and
 * re-routes the exchange to it; a miss is answered 404. The mesh is translated from a snapshot
 * and built into a {@link MeshView} exactly as a proxy does; the exchanges are real, started by
 * the proxy's {@code HttpServerBridge} on embedded channels (see {@link CapturedExchange}); the
 * next stage does nothing, so only routing is measured.
 *
 * <p>Each operation routes the next request of the case's fixed set (hits and misses, in turn).
 * The exchanges are reused: before each call the exchange is put back to what the service resolver
 * hands over (the parent service and port) and a rewritten URI is restored. So a miss is measured
 * up to the 404 it decides on: its exchange has answered once already and does not write the
 * response again. Rules with a response header modifier or a {@code timeouts.request} are left
 * out of the tables, since on a reused exchange their per-request listener and timer would pile up.
 *
 * <p>Setup checks that every request lands where its fixture says, so a broken fixture fails the
 * run instead of measuring 404s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RouteMatchBenchmark {
  /** The stage after routing: nothing, so that the figures are routing's alone. */
  private static final HttpService NOTHING = exchange -> { };

  @Param({"NO_ROUTES", "TEN_RULES", "TWO_HUNDRED_RULES", "GRPC_METHODS"})
  public RouteCase table;

  private RouteStage stage;
  private ServiceView parent;
  private ServicePort parentPort;
  private CapturedExchange[] captured;
  private HttpExchange[] exchanges;
  private String[] uris;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws SnapshotRejected {
    RouteFixture fixture = table.fixture();
    MeshView view = MeshView.build(1, SnapshotTranslator.translate(fixture.snapshot()).services(),
        new EndpointLoads(System::nanoTime));
    stage = new RouteStage(view, NOTHING);
    parent = view.service(ServiceKey.of(fixture.parent()));
    parentPort = parent.port(fixture.port());
    List<CycledRequest> requests = fixture.requests();
    boolean grpc = table == RouteCase.GRPC_METHODS;
    captured = new CapturedExchange[requests.size()];
    exchanges = new HttpExchange[requests.size()];
    uris = new String[requests.size()];
    for (int i = 0; i < requests.size(); i++) {
      // gRPC calls arrive on HTTP/2 streams, everything else on HTTP/1.1 connections.
      captured[i] = CapturedExchange.of(requests.get(i).toHttp(fixture.parent()), !grpc);
      exchanges[i] = captured[i].exchange();
      uris[i] = requests.get(i).uri();
      check(requests.get(i), i);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (CapturedExchange c : captured) {
      c.close();
    }
  }

  /** Routes the next request of the set; returns the service it was routed to. */
  @Benchmark
  public ServiceView route() {
    int i = next;
    next = i + 1 == exchanges.length ? 0 : i + 1;
    return route(i);
  }

  private ServiceView route(int i) {
    HttpExchange exchange = exchanges[i];
    // What the service resolver leaves for the route stage; a URLRewrite of the last round undone.
    exchange.route(parent, parentPort);
    exchange.request().setUri(uris[i]);
    stage.serve(exchange);
    return exchange.service();
  }

  /** Routes request {@code i} once and fails the setup when it does not land where it should. */
  private void check(CycledRequest request, int i) {
    String landed = route(i).key().name();
    HttpResponse answer = captured[i].answer();
    boolean ok = request.backends().isEmpty()
        ? isNotFound(answer)
        : answer == null && request.backends().contains(landed);
    String got = answer == null ? "a route to " + landed : answer.status() + " " + answer.headers();
    ReferenceCountUtil.release(answer);
    if (!ok) {
      throw new IllegalStateException(table + ": " + request + " expected "
          + (request.backends().isEmpty() ? "404" : "a route to " + request.backends())
          + ", got " + got);
    }
  }

  /** A 404, or for a gRPC call its translation: HTTP 200 with grpc-status 12 (UNIMPLEMENTED). */
  private static boolean isNotFound(HttpResponse answer) {
    return answer != null
        && (answer.status().code() == 404 || "12".equals(answer.headers().get("grpc-status")));
  }
}
