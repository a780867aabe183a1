package dev.trellis.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.SnapshotDecision;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.json.ApiJson;
import dev.trellis.control.server.ControlPlane;
import dev.trellis.control.server.ControlPlaneOptions;
import dev.trellis.proxy.testing.RawHttp;
import dev.trellis.proxy.testing.TestHttpApp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sidecars linked to a real control plane, with real applications behind them: registration,
 * endpoints arriving by snapshot, replicas coming and going, losing the control plane under
 * traffic, starting from the disk cache, refusing a bad snapshot.
 */
class MeshLinkTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String MESH = String.join("---\n",
      MeshDocs.service("web", LinkedSidecar.SERVICE_PORT, "http"),
      MeshDocs.service("catalog", LinkedSidecar.SERVICE_PORT, "http"),
      // Round robin, so that every replica's share shows within a few requests.
      MeshDocs.policy("catalog-lb", "catalog", "  loadBalancer:\n    type: RoundRobin\n"));

  @TempDir Path controlDir;
  @TempDir Path proxyDir;

  private final List<AutoCloseable> closeLast = new ArrayList<>();
  private ControlPlane control;

  @BeforeEach
  void startControlPlane() throws Exception {
    control = ControlPlane.start(options(0));
    try (ControlClient client = ControlClient.create(control.uri(), control.token())) {
      client.apply("mesh.yaml", MESH, false);
    }
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable closeable : closeLast.reversed()) {
      closeable.close();
    }
    if (control != null) {
      control.close();
    }
  }

  private ControlPlaneOptions options(int port) {
    return ControlPlaneOptions.defaults(controlDir).withPort(port)
        .withLeaseSweepInterval(Duration.ofMillis(20));
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    closeLast.add(closeable);
    return closeable;
  }

  private TestHttpApp app(String name) throws InterruptedException {
    return closeLater(TestHttpApp.start(name));
  }

  private LinkedSidecar sidecar(String service, int appPort, String... upstreams) throws InterruptedException {
    return closeLater(LinkedSidecar.start(control.uri(), control.token(), proxyDir, service, appPort, upstreams));
  }

  private static String appOf(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body().lines().findFirst().orElse("");
  }

  @Test
  void aSidecarRegistersItsInboundAddressAndBecomesReady() throws Exception {
    LinkedSidecar web = sidecar("web", app("web").port(), "catalog");

    await().atMost(WAIT).until(() -> web.admin("/ready").statusCode() == 200);

    try (ControlClient client = ControlClient.create(control.uri(), control.token())) {
      List<Endpoint> endpoints = client.endpoints("web", "default").services().getFirst().endpoints();
      assertThat(endpoints).singleElement().satisfies(e -> {
        assertThat(e.port()).isEqualTo(web.proxy.inboundAddress().getPort());
        assertThat(e.id()).isEqualTo(web.link.status().registrationId());
      });
    }
    assertThat(web.admin("/live").statusCode()).isEqualTo(200);
    JsonNode config = ApiJson.mapper().readTree(web.admin("/config").body());
    assertThat(config.path("version").asLong()).isEqualTo(control.version());
    assertThat(config.path("sync").path("state").asText()).isEqualTo("IN_SYNC");
    assertThat(config.path("resources")).extracting(d -> d.path("metadata").path("name").asText())
        .containsExactlyInAnyOrder("web", "catalog", "catalog-lb");
    assertThat(config.path("endpoints").has("default/catalog")).isTrue();
  }

  @Test
  void trafficFollowsTheEndpointsTheControlPlaneSendsAsReplicasComeAndGo() throws Exception {
    LinkedSidecar catalogA = sidecar("catalog", app("catalog-a").port());
    LinkedSidecar web = sidecar("web", app("web").port(), "catalog");
    await().atMost(WAIT).until(() -> web.routable("catalog") == 1);

    // caller app -> web sidecar -> catalog sidecar -> catalog app, on endpoints from the control plane
    assertThat(appOf(web.call("catalog", "/items"))).isEqualTo("app=catalog-a");

    LinkedSidecar catalogB = sidecar("catalog", app("catalog-b").port());
    await().atMost(WAIT).until(() -> web.routable("catalog") == 2);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      seen.add(appOf(web.call("catalog", "/items")));
    }
    assertThat(seen).containsExactlyInAnyOrder("app=catalog-a", "app=catalog-b");

    // The caller may read the last response a moment before the proxy books it as finished.
    await().atMost(WAIT).untilAsserted(() -> {
      JsonNode endpoints = ApiJson.mapper().readTree(web.admin("/endpoints").body());
      JsonNode catalog = endpoints.path("services").get(0);
      assertThat(catalog.path("service").asText()).isEqualTo("catalog");
      assertThat(catalog.path("balancer").asText()).isEqualTo("ROUND_ROBIN");
      assertThat(catalog.path("endpoints")).hasSize(2).allSatisfy(e -> {
        assertThat(e.path("health").asText()).isEqualTo("HEALTHY");
        assertThat(e.path("inFlight").asInt()).isZero();
        assertThat(e.path("peakEwmaMillis").asDouble()).isPositive();
      });
    });

    catalogB.close(); // deregisters first
    await().atMost(WAIT).until(() -> web.routable("catalog") == 1);
    for (int i = 0; i < 10; i++) {
      assertThat(appOf(web.call("catalog", "/items"))).isEqualTo("app=catalog-a");
    }
    assertThat(catalogA.link.status().ready()).isTrue();
  }

  @Test
  void losingTheControlPlaneUnderTrafficFailsNoRequestAndTheLinkComesBack() throws Exception {
    sidecar("catalog", app("catalog-a").port());
    LinkedSidecar web = sidecar("web", app("web").port(), "catalog");
    await().atMost(WAIT).until(() -> web.admin("/ready").statusCode() == 200 && web.routable("catalog") == 1);
    int port = control.address().getPort();
    List<String> failures = new ArrayList<>();
    int sent = 0;

    sent += requests(web, 20, failures);
    control.close();
    // Keep the traffic going while the sidecars notice: a bounded loop, checked between requests.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (web.admin("/ready").statusCode() != 503 && System.nanoTime() < deadline) {
      sent += requests(web, 5, failures);
    }
    HttpResponse<String> notReady = web.admin("/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("out of sync", "control plane unreachable");
    sent += requests(web, 20, failures);

    control = ControlPlane.start(options(port));
    deadline = System.nanoTime() + WAIT.toNanos();
    while (web.admin("/ready").statusCode() != 200 && System.nanoTime() < deadline) {
      sent += requests(web, 5, failures);
    }
    assertThat(web.admin("/ready").body()).startsWith("ready");
    sent += requests(web, 20, failures);

    assertThat(failures).as("of %d requests", sent).isEmpty();
    assertThat(web.link.status().sync()).isEqualTo(SyncState.IN_SYNC);
  }

  private static int requests(LinkedSidecar web, int count, List<String> failures) throws Exception {
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response = web.call("catalog", "/steady");
      if (response.statusCode() != 200 || !response.body().startsWith("app=catalog-a")) {
        failures.add(response.statusCode() + " " + response.headers().firstValue("x-trellis-error").orElse(""));
      }
    }
    return count;
  }

  @Test
  void aSidecarStartedWhileTheControlPlaneIsDownServesFromItsCache() throws Exception {
    sidecar("catalog", app("catalog-a").port());
    LinkedSidecar first = sidecar("web", app("web").port(), "catalog");
    await().atMost(WAIT).until(() -> first.routable("catalog") == 1
        && Files.exists(first.link.cache().file())
        && first.link.cache().read().map(s -> !s.endpoints().get("default/catalog").isEmpty()).orElse(false));
    long version = first.link.status().version();
    first.close();
    closeLast.remove(first);
    java.net.URI deadControl = control.uri();
    String token = control.token();
    control.close();
    control = null;

    LinkedSidecar second = closeLater(
        LinkedSidecar.start(deadControl, token, proxyDir, "web", app("web-2").port(), "catalog"));

    LinkStatus status = second.link.status();
    assertThat(status.fromCache()).isTrue();
    assertThat(status.version()).isEqualTo(version);
    assertThat(status.registered()).isFalse();
    assertThat(appOf(second.call("catalog", "/from-cache"))).isEqualTo("app=catalog-a");
    HttpResponse<String> ready = second.admin("/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("not registered", "from the disk cache");

    // The control plane comes back: the sidecar registers, syncs, and leaves the cache behind.
    control = ControlPlane.start(options(deadControl.getPort()));
    await().atMost(WAIT).until(() -> second.admin("/ready").statusCode() == 200);
    assertThat(second.link.status().fromCache()).isFalse();
    assertThat(second.link.status().registered()).isTrue();
  }

  @Test
  void anInvalidSnapshotIsNackedAndThePreviousViewStays() throws Exception {
    sidecar("catalog", app("catalog-a").port());
    LinkedSidecar web = sidecar("web", app("web").port(), "catalog");
    await().atMost(WAIT).until(() -> web.link.status().ready() && web.routable("catalog") == 1);
    long good = web.proxy.view().version();
    // The cache is written off the watch thread; wait for it before checking it is left alone.
    await().atMost(WAIT).until(() -> web.link.cache().read().map(Snapshot::version).orElse(0L) == good);
    Snapshot running = web.link.current().orElseThrow().snapshot();

    // What a newer control plane might send: a field this proxy does not know.
    var documents = new ArrayList<>(running.resources());
    var catalog = documents.stream()
        .filter(d -> d.path("metadata").path("name").asText().equals("catalog")
            && d.path("kind").asText().equals("Service"))
        .findFirst().orElseThrow().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) catalog.get("spec")).put("sessionAffinity", "ClientIP");
    documents.replaceAll(d -> d.path("metadata").path("name").asText().equals("catalog")
        && d.path("kind").asText().equals("Service") ? catalog : d);
    Snapshot bad = new Snapshot(good + 1, documents, Map.of());

    SnapshotDecision decision = web.link.accept(bad);

    assertThat(decision.accepted()).isFalse();
    assertThat(decision.error()).contains(
        "snapshot " + (good + 1) + " Service default/catalog: spec.sessionAffinity: unknown field");
    assertThat(web.proxy.view().version()).isEqualTo(good);
    assertThat(web.routable("catalog")).isEqualTo(1);
    assertThat(appOf(web.call("catalog", "/still"))).isEqualTo("app=catalog-a");
    assertThat(web.link.status().sync()).isEqualTo(SyncState.OUT_OF_SYNC);
    assertThat(web.admin("/ready").body()).contains("snapshot " + (good + 1) + " refused");
    assertThat(web.link.cache().read().orElseThrow().version()).isEqualTo(good);

    // The next good snapshot brings the link back in sync.
    sidecar("catalog", app("catalog-b").port());
    await().atMost(WAIT).until(() -> web.routable("catalog") == 2);
    assertThat(web.link.status().sync()).isEqualTo(SyncState.IN_SYNC);
  }

  @Test
  void aServiceTheApplicationAsksForByNameIsWatchedOnDemand() throws Exception {
    sidecar("catalog", app("catalog-a").port());
    LinkedSidecar web = sidecar("web", app("web").port()); // no upstreams configured
    await().atMost(WAIT).until(() -> web.link.status().ready());

    RawHttp.Response first = viaOutbound(web, "catalog");
    assertThat(first.status()).isEqualTo(404);
    assertThat(first.header("x-trellis-error")).isEqualTo("unknown service: catalog");

    await().atMost(WAIT).until(() -> viaOutbound(web, "catalog").status() == 200);
    assertThat(viaOutbound(web, "catalog").body()).startsWith("app=catalog-a");
    // A name nothing is known about stays unknown, even once it is watched.
    assertThat(viaOutbound(web, "nosuch").header("x-trellis-error")).isEqualTo("unknown service: nosuch");
    await().atMost(WAIT).until(() -> web.link.current().orElseThrow().snapshot().endpoints().containsKey("default/nosuch"));
    assertThat(viaOutbound(web, "nosuch").header("x-trellis-error")).isEqualTo("unknown service: nosuch");
  }

  /** GET / with {@code Host: service} on the outbound HTTP listener, as an app using it does. */
  private static RawHttp.Response viaOutbound(LinkedSidecar sidecar, String service) throws Exception {
    try (RawHttp http = new RawHttp(sidecar.proxy.outboundHttpAddress())) {
      http.send("GET / HTTP/1.1\r\nHost: " + service + "\r\nConnection: close\r\n\r\n");
      return http.read();
    }
  }
}
