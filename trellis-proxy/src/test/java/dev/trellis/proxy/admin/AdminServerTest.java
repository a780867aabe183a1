package dev.trellis.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.json.ApiJson;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.control.LinkStatus;
import dev.trellis.proxy.control.SnapshotTranslator;
import dev.trellis.proxy.control.SyncState;
import dev.trellis.proxy.control.TranslatedSnapshot;
import dev.trellis.proxy.metrics.ProxyMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin port over a real socket, fed by hand-made link states. */
class AdminServerTest {
  private static final Instant SINCE = Instant.parse("2026-11-24T23:00:00Z");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicReference<LinkStatus> status = new AtomicReference<>(
      new LinkStatus(false, null, SyncState.OUT_OF_SYNC, 0, SINCE, "waiting for the first snapshot", false));
  private final AtomicReference<Optional<TranslatedSnapshot>> snapshot = new AtomicReference<>(Optional.empty());
  private final AtomicLong nanos = new AtomicLong();
  private final EndpointLoads loads = new EndpointLoads(nanos::get);
  private AdminServer admin;

  @BeforeEach
  void start() throws Exception {
    admin = AdminServer.of(status::get, snapshot::get, loads, new ProxyMetrics()).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    admin.close();
    http.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + admin.address().getPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsAreServedInThePrometheusTextFormat() throws Exception {
    HttpResponse<String> metrics = send("GET", "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    // Request families appear with their first request (RequestMetricsTest); process figures always.
    assertThat(metrics.body()).contains("# TYPE process_cpu_seconds_total counter",
        "process_resident_memory_bytes ", "process_open_fds ", "process_start_time_seconds ");
  }

  @Test
  void bindsLoopbackOnAFreePort() {
    assertThat(admin.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(admin.address().getPort()).isPositive();
  }

  @Test
  void liveAlwaysAndReadyOnlyWhenRegisteredAndInSync() throws Exception {
    assertThat(send("GET", "/live").statusCode()).isEqualTo(200);
    HttpResponse<String> notReady = send("GET", "/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("not ready: not registered with the control plane; out of sync since "
        + "2026-11-24T23:00:00Z: waiting for the first snapshot\n");

    status.set(new LinkStatus(true, "web-1", SyncState.IN_SYNC, 12, SINCE, "", false));
    HttpResponse<String> ready = send("GET", "/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready: snapshot 12\n");
  }

  @Test
  void configAndEndpointsShowTheSnapshotInUseWithLiveLoads() throws Exception {
    JsonNode empty = ApiJson.mapper().readTree(send("GET", "/config").body());
    assertThat(empty.path("version").asLong()).isZero();
    assertThat(empty.path("resources")).isEmpty();

    Endpoint catalog1 = new Endpoint("catalog-1", "127.0.0.1", 9001, Map.of(), "z1", Health.HEALTHY, null, null);
    Endpoint catalog2 = new Endpoint("catalog-2", "127.0.0.1", 9002, Map.of(), "", Health.UNHEALTHY, null, null);
    TranslatedSnapshot running = SnapshotTranslator.translate(new Snapshot(12,
        List.of(ApiJson.mapper().readValue("""
            {"apiVersion":"trellis.dev/v1alpha1","kind":"Service","metadata":{"name":"catalog"},
             "spec":{"ports":[{"name":"http","port":8080}]}}""", com.fasterxml.jackson.databind.node.ObjectNode.class)),
        Map.of("default/catalog", List.of(catalog1, catalog2))));
    snapshot.set(Optional.of(running));
    status.set(new LinkStatus(true, "web-1", SyncState.IN_SYNC, 12, SINCE, "", false));
    var load = loads.of(running.services().getFirst().endpoints().getFirst().endpoint());
    load.requestStarted();
    load.requestStarted();
    load.requestFinished(3_000_000, false);

    JsonNode config = ApiJson.mapper().readTree(send("GET", "/config").body());
    assertThat(config.path("version").asLong()).isEqualTo(12);
    assertThat(config.path("sync").path("state").asText()).isEqualTo("IN_SYNC");
    assertThat(config.path("sync").path("registrationId").asText()).isEqualTo("web-1");
    assertThat(config.path("resources").get(0).path("kind").asText()).isEqualTo("Service");
    assertThat(config.path("endpoints").path("default/catalog")).hasSize(2);

    JsonNode endpoints = ApiJson.mapper().readTree(send("GET", "/endpoints").body()).path("services").get(0);
    assertThat(endpoints.path("service").asText()).isEqualTo("catalog");
    assertThat(endpoints.path("balancer").asText()).isEqualTo("PEAK_EWMA");
    JsonNode first = endpoints.path("endpoints").get(0);
    assertThat(first.path("address").asText()).isEqualTo("127.0.0.1:9001");
    assertThat(first.path("zone").asText()).isEqualTo("z1");
    assertThat(first.path("inFlight").asInt()).isEqualTo(1);
    assertThat(first.path("peakEwmaMillis").asDouble()).isEqualTo(3.0);
    assertThat(endpoints.path("endpoints").get(1).path("health").asText()).isEqualTo("UNHEALTHY");
  }

  @Test
  void unknownPathsAndMethodsAreAnsweredAndTheServerStaysUp() throws Exception {
    HttpResponse<String> unknown = send("GET", "/nope?x=1");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("/nope", "/config, /endpoints, /live, /metrics, /ready");
    assertThat(send("POST", "/ready").statusCode()).isEqualTo(405);
    HttpResponse<String> head = send("HEAD", "/live");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(send("GET", "/live").statusCode()).isEqualTo(200);
  }
}
