package dev.trellis.proxy.metrics;

import static dev.trellis.proxy.testing.Sidecars.endpointOf;
import static dev.trellis.proxy.testing.Sidecars.service;
import static dev.trellis.testkit.metrics.PrometheusText.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.proxy.SidecarProxy;
import dev.trellis.proxy.admin.AdminServer;
import dev.trellis.proxy.control.LinkStatus;
import dev.trellis.proxy.control.SyncState;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.route.RouteTable;
import dev.trellis.proxy.route.RouteYaml;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.Sidecars;
import dev.trellis.proxy.testing.TestHttpApp;
import dev.trellis.testkit.metrics.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests through two real sidecars on real sockets, then each sidecar's admin {@code /metrics}
 * scraped with the JDK's HTTP client: the caller counts them outbound, the callee inbound.
 *
 * <pre>
 *   RawHttp --&gt; caller sidecar (outbound) ==h2==&gt; catalog sidecar (inbound) --&gt; catalog app
 *                     |                               |
 *                admin /metrics                  admin /metrics
 * </pre>
 */
class MetricsThroughSidecarsTest {
  private static final String ROUTES = RouteYaml.httpRoute("catalog-routes", "catalog-api", """
          - matches: [{path: {type: PathPrefix, value: /v2}}]
            backendRefs: [{name: catalog}]
        """);

  static TestHttpApp app;
  static SidecarProxy callee;
  static SidecarProxy caller;
  static AdminServer callerAdmin;
  static AdminServer calleeAdmin;
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    app = TestHttpApp.start("catalog-1");
    callee = Sidecars.serving(ServiceKey.of("catalog"), app.port());
    caller = Sidecars.calling();
    // catalog-api is only a name with routes: what matches goes to catalog, labelled with the route.
    RouteTable routes = RouteYaml.tables(ROUTES).get(ServiceKey.of("catalog-api"));
    Sidecars.apply(List.of(
            service("catalog", AppProtocol.HTTP, endpointOf("c1", callee)),
            service("catalog-api", AppProtocol.HTTP).withRoutes(routes),
            service("down", AppProtocol.HTTP, endpointOf("d1", callee, EndpointHealth.UNHEALTHY))),
        caller, callee);
    callerAdmin = admin(caller);
    calleeAdmin = admin(callee);
  }

  private static AdminServer admin(SidecarProxy sidecar) throws InterruptedException {
    LinkStatus status = new LinkStatus(true, "test", SyncState.IN_SYNC, 1, Instant.now(), "", false);
    return AdminServer.of(() -> status, Optional::empty, sidecar.loads(), sidecar.metrics())
        .start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {callerAdmin, calleeAdmin, caller, callee, app}) {
      try {
        closeable.close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    http.close();
  }

  @Test
  void bothSidecarsCountWhatPassedWithBoundedLabels() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("catalog", "/items?i=" + i).status()).isEqualTo(200);
    }
    assertThat(get("catalog", "/status/503").status()).isEqualTo(503);
    assertThat(get("catalog", "/status/503").status()).isEqualTo(503);
    assertThat(get("catalog-api", "/v2/items").status()).isEqualTo(200);
    assertThat(get("no-such-service", "/").status()).isEqualTo(404);
    assertThat(get("down", "/").status()).isEqualTo(503);

    Map<String, String> outbound = Map.of("direction", "outbound", "namespace", "default", "service", "catalog");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      PrometheusText scrape = scrape(callerAdmin);
      assertThat(scrape.sum("trellis_requests_total",
          with(outbound, "route", "", "status_code", "200", "classification", "success"))).isEqualTo(3);
      assertThat(scrape.sum("trellis_requests_total",
          with(outbound, "route", "default/catalog-routes", "status_code", "200"))).isEqualTo(1);
      assertThat(scrape.sum("trellis_requests_total",
          with(outbound, "status_code", "503", "classification", "failure"))).isEqualTo(2);
      assertThat(scrape.sum("trellis_response_latency_ms_count", outbound)).isEqualTo(6);
      assertThat(scrape.sum("trellis_proxy_errors_total",
          Map.of("service", "", "kind", "unknown_service"))).isEqualTo(1);
      assertThat(scrape.sum("trellis_proxy_errors_total",
          Map.of("service", "down", "kind", "no_healthy_endpoint"))).isEqualTo(1);
      assertThat(scrape.samples()).noneMatch(s -> s.labels().containsValue("no-such-service"));
    });

    Map<String, String> inbound = Map.of("direction", "inbound", "namespace", "default", "service", "catalog");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      PrometheusText scrape = scrape(calleeAdmin);
      assertThat(scrape.sum("trellis_requests_total", with(inbound, "status_code", "200"))).isEqualTo(4);
      assertThat(scrape.sum("trellis_requests_total", with(inbound, "status_code", "503"))).isEqualTo(2);
      assertThat(scrape.find("trellis_requests_total", Map.of("direction", "outbound"))).isEmpty();
      assertThat(scrape.find("trellis_proxy_errors_total", Map.of())).isEmpty();
    });
  }

  private static RawHttp.Response get(String host, String path) throws Exception {
    try (RawHttp raw = new RawHttp(caller.outboundHttpAddress())) {
      raw.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
      return raw.read();
    }
  }

  private static PrometheusText scrape(AdminServer admin) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.address().getPort() + "/metrics"))
            .timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return PrometheusText.parse(response.body());
  }
}
