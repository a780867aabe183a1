package dev.trellis.proxy.metrics;

import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServiceView;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The metrics stage: counts every exchange that passes, and times it from the arrival of its request
 * head to its end, under the labels of where it went and how it ended.
 *
 * <pre>
 *   trellis_requests_total{direction, namespace, service, route, status_code, grpc_status, classification}
 *   trellis_response_latency_ms{direction, namespace, service, route, status_code}   (histogram)
 *   trellis_proxy_errors_total{direction, namespace, service, kind}
 * </pre>
 *
 * <p>It reads the labels when the exchange ends, so it sits above the stages whose answers it counts
 * (the resolver's 404, a route's redirect): the service is the one the exchange was routed to (for
 * a route, its backend), or none ({@code service=""}) when no service was found. Inbound, the
 * service is always the local one.
 *
 * <p>Built per snapshot with one {@link ServiceSeries} per service of the view, so finding a
 * request's data points is one lookup in an immutable map and a scan of a few cached outcomes; the
 * data points themselves belong to {@link ProxyMetrics} and outlive the snapshot.
 *
 * <p>Threading: {@link #serve} on the exchange's event loop; the recording runs there too when the
 * exchange ends. Lock-free once an outcome has been seen.
 */
public final class RequestMetrics implements HttpService {
  private final HttpService next;
  private final LongSupplier nanoClock;
  private final Map<ServiceKey, ServiceSeries> byService;
  /** Where exchanges without a service go: outbound, unknown ones; inbound, every one. */
  private final ServiceSeries fallback;
  /** Made once, so that registering it with an exchange allocates nothing. */
  private final Consumer<HttpExchange> recorder = this::record;

  private RequestMetrics(HttpService next, LongSupplier nanoClock, Map<ServiceKey, ServiceSeries> byService,
      ServiceSeries fallback) {
    this.next = next;
    this.nanoClock = nanoClock;
    this.byService = byService;
    this.fallback = fallback;
  }

  /** The outbound stage over {@code view}: one set of series per service the view knows. */
  public static RequestMetrics outbound(ProxyMetrics metrics, MeshView view, LongSupplier nanoClock,
      HttpService next) {
    Map<ServiceKey, ServiceSeries> byService = new HashMap<>();
    for (ServiceKey key : view.services().keySet()) {
      byService.put(key, new ServiceSeries(metrics, Direction.OUTBOUND, key.namespace(), key.name()));
    }
    return new RequestMetrics(next, nanoClock, Map.copyOf(byService),
        new ServiceSeries(metrics, Direction.OUTBOUND, "", ""));
  }

  /** The inbound stage of the application serving {@code local}: every request is for it. */
  public static RequestMetrics inbound(ProxyMetrics metrics, ServiceKey local, LongSupplier nanoClock,
      HttpService next) {
    return new RequestMetrics(next, nanoClock, Map.of(),
        new ServiceSeries(metrics, Direction.INBOUND, local.namespace(), local.name()));
  }

  @Override
  public void serve(HttpExchange exchange) {
    exchange.onFinish(recorder);
    next.serve(exchange);
  }

  /** Records the ended {@code exchange}. Reads only its state, so it may be called again. */
  public void record(HttpExchange exchange) {
    long latencyNanos = nanoClock.getAsLong() - exchange.startNanos();
    ServiceView service = exchange.service();
    ServiceSeries series = service == null ? fallback : byService.getOrDefault(service.key(), fallback);
    String route = exchange.routeName();
    ProxyError error = exchange.proxyError();
    series.of(route == null ? "" : route, exchange.responseStatus(), exchange.grpcStatus(),
            exchange.failed(), error == null ? null : error.reason())
        .record(latencyNanos);
  }
}
