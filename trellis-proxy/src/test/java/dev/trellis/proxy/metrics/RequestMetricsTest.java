package dev.trellis.proxy.metrics;

import static dev.trellis.testkit.metrics.PrometheusText.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpServerBridge;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServiceView;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.testkit.metrics.PrometheusText;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The metrics stage on real exchanges (an {@link HttpServerBridge} on an {@link EmbeddedChannel}),
 * with a stub chain below it that routes and answers, and an injected clock: what each kind of
 * outcome adds to the scrape.
 */
class RequestMetricsTest {
  private static final ServiceKey CATALOG = ServiceKey.of("catalog");
  private static final long MS = 1_000_000;

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final ProxyMetrics metrics = new ProxyMetrics();
  private final MeshView view = MeshView.build(1,
      List.of(Sidecars.service("catalog", AppProtocol.HTTP)), new EndpointLoads(clock::get));

  @Test
  void countsAndTimesAnAnsweredRequestUnderItsService() {
    HttpService outbound = RequestMetrics.outbound(metrics, view, clock::get, routedTo(CATALOG, exchange -> {
      clock.addAndGet(3 * MS);
      answer(exchange, HttpResponseStatus.OK);
    }));

    serve(outbound, "catalog");
    serve(outbound, "catalog");

    PrometheusText scrape = scrape();
    Map<String, String> labels = Map.of("direction", "outbound", "namespace", "default", "service", "catalog",
        "route", "", "status_code", "200");
    assertThat(scrape.sum("trellis_requests_total", with(labels, "grpc_status", "", "classification", "success")))
        .isEqualTo(2);
    assertThat(scrape.sum("trellis_response_latency_ms_bucket", with(labels, "le", "2.0"))).isZero();
    assertThat(scrape.sum("trellis_response_latency_ms_bucket", with(labels, "le", "5.0"))).isEqualTo(2);
    assertThat(scrape.sum("trellis_response_latency_ms_count", labels)).isEqualTo(2);
    assertThat(scrape.sum("trellis_response_latency_ms_sum", labels)).isEqualTo(6.0);
    assertThat(scrape.find("trellis_proxy_errors_total", Map.of())).isEmpty();
  }

  @Test
  void aFivexxFromUpstreamIsAFailureButNotAProxyError() {
    HttpService outbound = RequestMetrics.outbound(metrics, view, clock::get,
        routedTo(CATALOG, exchange -> answer(exchange, HttpResponseStatus.SERVICE_UNAVAILABLE)));

    serve(outbound, "catalog");

    PrometheusText scrape = scrape();
    assertThat(scrape.sum("trellis_requests_total",
        Map.of("service", "catalog", "status_code", "503", "classification", "failure"))).isEqualTo(1);
    assertThat(scrape.find("trellis_proxy_errors_total", Map.of())).isEmpty();
  }

  @Test
  void theProxysOwnFailureIsCountedByKind() {
    HttpService outbound = RequestMetrics.outbound(metrics, view, clock::get, routedTo(CATALOG,
        exchange -> exchange.fail(ProxyError.noHealthyEndpoint("catalog", 2, 0))));

    serve(outbound, "catalog");

    PrometheusText scrape = scrape();
    assertThat(scrape.sum("trellis_requests_total",
        Map.of("service", "catalog", "status_code", "503", "classification", "failure"))).isEqualTo(1);
    assertThat(scrape.sum("trellis_proxy_errors_total", Map.of("direction", "outbound", "namespace", "default",
        "service", "catalog", "kind", "no_healthy_endpoint"))).isEqualTo(1);
  }

  @Test
  void anUnknownServiceIsCountedWithoutTakingItsNameFromTheRequest() {
    // The stub answers like the resolver: no route, 404. The host the caller asked for must not
    // become a label value, or any caller could grow the scrape without bound.
    HttpService outbound = RequestMetrics.outbound(metrics, view, clock::get,
        exchange -> exchange.fail(ProxyError.unknownService(exchange.request().headers().get("host"))));

    serve(outbound, "no-such-service-1");
    serve(outbound, "no-such-service-2");

    PrometheusText scrape = scrape();
    assertThat(scrape.sum("trellis_proxy_errors_total",
        Map.of("namespace", "", "service", "", "kind", "unknown_service"))).isEqualTo(2);
    assertThat(scrape.sum("trellis_requests_total", Map.of("service", "", "status_code", "404"))).isEqualTo(2);
    assertThat(scrape.samples()).noneMatch(s -> s.labels().containsValue("no-such-service-1"));
  }

  @Test
  void theMatchedRouteIsALabel() {
    HttpService outbound = RequestMetrics.outbound(metrics, view, clock::get, routedTo(CATALOG, exchange -> {
      exchange.routeName("default/catalog-routes");
      answer(exchange, HttpResponseStatus.OK);
    }));

    serve(outbound, "catalog");

    assertThat(scrape().sum("trellis_requests_total",
        Map.of("service", "catalog", "route", "default/catalog-routes", "status_code", "200"))).isEqualTo(1);
  }

  @Test
  void inboundRequestsCountUnderTheLocalService() {
    HttpService inbound = RequestMetrics.inbound(metrics, CATALOG, clock::get,
        exchange -> answer(exchange, HttpResponseStatus.NO_CONTENT));

    serve(inbound, "whatever");

    assertThat(scrape().sum("trellis_requests_total", Map.of("direction", "inbound", "namespace", "default",
        "service", "catalog", "status_code", "204", "classification", "success"))).isEqualTo(1);
  }

  @Test
  void countsGoOnAcrossSnapshots() {
    HttpService first = RequestMetrics.outbound(metrics, view, clock::get,
        routedTo(CATALOG, exchange -> answer(exchange, HttpResponseStatus.OK)));
    MeshView next = MeshView.build(2,
        List.of(Sidecars.service("catalog", AppProtocol.HTTP)), new EndpointLoads(clock::get));
    HttpService second = RequestMetrics.outbound(metrics, next, clock::get, exchange -> {
      ServiceView service = next.service(CATALOG);
      exchange.route(service, service.firstHttpPort());
      answer(exchange, HttpResponseStatus.OK);
    });

    serve(first, "catalog");
    serve(second, "catalog");

    assertThat(scrape().sum("trellis_requests_total", Map.of("service", "catalog", "status_code", "200")))
        .isEqualTo(2);
  }

  /** A stub chain that routes to {@code key} as the resolver would, then does {@code then}. */
  private HttpService routedTo(ServiceKey key, Consumer<HttpExchange> then) {
    return exchange -> {
      ServiceView service = view.service(key);
      exchange.route(service, service.firstHttpPort());
      then.accept(exchange);
    };
  }

  private static void answer(HttpExchange exchange, HttpResponseStatus status) {
    exchange.respond(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
  }

  /** One HTTP/1.1 request for {@code host} through {@code chain}, read by the proxy's own bridge. */
  private void serve(HttpService chain, String host) {
    EmbeddedChannel channel = new EmbeddedChannel(new HttpServerBridge(() -> chain, true, null, clock::get));
    try {
      DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/items");
      request.headers().set(HttpHeaderNames.HOST, host);
      channel.writeInbound(request);
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  private PrometheusText scrape() {
    return PrometheusText.parse(new String(metrics.scrape(), StandardCharsets.UTF_8));
  }
}
