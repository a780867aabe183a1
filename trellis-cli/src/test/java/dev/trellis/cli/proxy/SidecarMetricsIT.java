package dev.trellis.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.testkit.client.Curl;
import dev.trellis.testkit.metrics.PrometheusServer;
import dev.trellis.testkit.metrics.PrometheusText;
import dev.trellis.testkit.process.SidecarProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecars' own metrics as an operator scrapes them: curl through a caller's sidecar to a
 * service, then {@code GET /metrics} on each sidecar's admin port with the JDK's HTTP client, and
 * a real Prometheus scraping both admin ports.
 *
 * <pre>
 *   curl --&gt; web sidecar ==h2==&gt; catalog sidecar --&gt; catalog app
 *              admin /metrics        admin /metrics
 * </pre>
 */
class SidecarMetricsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  private static WebCallsCatalog mesh;
  private static SidecarProcess catalog;
  private static SidecarProcess web;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = WebCallsCatalog.start(dir);
    catalog = mesh.catalog();
    web = mesh.web();
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
    HTTP.close();
  }

  @Test
  void eachSidecarCountsTheRequestsThatPassedIt() throws Exception {
    Map<String, String> outbound = Map.of("direction", "outbound", "namespace", "default",
        "service", "catalog", "status_code", "200", "classification", "success");
    Map<String, String> inbound = Map.of("direction", "inbound", "namespace", "default",
        "service", "catalog", "status_code", "200");
    double sentBefore = scrape(web).sum("trellis_requests_total", outbound);
    double servedBefore = scrape(catalog).sum("trellis_requests_total", inbound);
    Map<String, String> timed = Map.of("direction", "outbound", "service", "catalog", "status_code", "200");
    double timedBefore = scrape(web).sum("trellis_response_latency_ms_count", timed);
    double unknownBefore = scrape(web).sum("trellis_proxy_errors_total", Map.of("kind", "unknown_service"));

    for (int i = 0; i < 5; i++) {
      Curl.Result ok = Curl.run("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-x", web.proxyUrl(),
          "http://catalog/books?i=" + i);
      assertThat(ok.stdout()).as(ok.describe()).isEqualTo("200");
    }
    Curl.Result missing = Curl.run("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-x", web.proxyUrl(),
        "http://nosuch/");
    assertThat(missing.stdout()).as(missing.describe()).isEqualTo("404");

    await().atMost(WAIT).untilAsserted(() -> {
      PrometheusText caller = scrape(web);
      assertThat(caller.sum("trellis_requests_total", outbound) - sentBefore).isEqualTo(5);
      assertThat(caller.sum("trellis_response_latency_ms_count", timed) - timedBefore).isEqualTo(5);
      assertThat(caller.sum("trellis_proxy_errors_total", Map.of("kind", "unknown_service")) - unknownBefore)
          .isEqualTo(1);
      assertThat(caller.samples()).noneMatch(s -> s.labels().containsValue("nosuch"));
      assertThat(caller.find("process_resident_memory_bytes", Map.of()).get(0).value()).isPositive();
      assertThat(caller.find("trellis_requests_in_flight", Map.of())).hasSize(1);
    });
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(scrape(catalog).sum("trellis_requests_total", inbound) - servedBefore).isEqualTo(5));
  }

  @Test
  void prometheusScrapesBothSidecars() throws Exception {
    for (int i = 0; i < 3; i++) {
      Curl.Result ok = Curl.run("-sS", "-o", "/dev/null", "-w", "%{http_code}", "-x", web.proxyUrl(),
          "http://catalog/scraped?i=" + i);
      assertThat(ok.stdout()).as(ok.describe()).isEqualTo("200");
    }
    List<String> targets = List.of(web, catalog).stream()
        .map(s -> s.admin().getHost() + ":" + s.admin().getPort()).toList();
    try (PrometheusServer prometheus =
        PrometheusServer.scraping(Files.createDirectory(dir.resolve("prometheus")), targets)) {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        assertThat(value(prometheus, "count(up{job=\"trellis\"} == 1)")).as(prometheus.log()).isEqualTo(2);
        assertThat(value(prometheus,
            "sum(trellis_requests_total{direction=\"outbound\",service=\"catalog\",status_code=\"200\"})"))
            .isGreaterThanOrEqualTo(3);
        assertThat(value(prometheus,
            "sum(trellis_requests_total{direction=\"inbound\",service=\"catalog\",status_code=\"200\"})"))
            .isGreaterThanOrEqualTo(3);
        assertThat(value(prometheus,
            "count(trellis_response_latency_ms_bucket{direction=\"outbound\",service=\"catalog\",le=\"+Inf\"})"))
            .isPositive();
      });
    }
  }

  /** The single value an instant query returns, or -1 when it returns none. */
  private static double value(PrometheusServer prometheus, String promql) throws Exception {
    String answer = prometheus.query(promql);
    JsonNode result = new ObjectMapper().readTree(answer).path("data").path("result");
    assertThat(answer).contains("\"status\":\"success\"");
    return result.isEmpty() ? -1 : result.get(0).path("value").get(1).asDouble();
  }

  private static PrometheusText scrape(SidecarProcess sidecar) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(sidecar.admin().resolve("/metrics")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    return PrometheusText.parse(response.body());
  }
}
