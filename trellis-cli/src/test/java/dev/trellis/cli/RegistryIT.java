package dev.trellis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.SnapshotDecision;
import dev.trellis.api.client.SnapshotWatch;
import dev.trellis.api.client.WatchListener;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.testkit.process.CommandResult;
import dev.trellis.testkit.process.Distribution;
import dev.trellis.testkit.process.ControlPlaneProcess;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry of a real {@code trellis control} process, seen the way a sidecar sees it: through
 * a snapshot watch, each change arriving as a new, higher version.
 */
class RegistryIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Distribution dist = Distribution.fromSystemProperty();
  private final List<Snapshot> seen = new CopyOnWriteArrayList<>();

  @TempDir Path dataDir;
  private ControlPlaneProcess control;
  private ControlClient client;
  private SnapshotWatch watch;

  @BeforeEach
  void start() throws Exception {
    control = ControlPlaneProcess.start(dist, dataDir);
    client = ControlClient.create(URI.create(control.url()), control.token());
    client.apply("services.yaml", """
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{name: http, port: 8080}]
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: catalog}
        spec:
          ports: [{name: http, port: 8080}]
        ---
        apiVersion: trellis.dev/v1alpha1
        kind: Service
        metadata: {name: billing}
        spec:
          ports: [{name: http, port: 8080}]
        """, false);
  }

  @AfterEach
  void stop() {
    if (watch != null) {
      watch.close();
    }
    client.close();
    control.close();
  }

  @Test
  void registrationLeaseExpiryAndDeregistrationReachAWatcher() {
    watchAs("web", "catalog");
    await().atMost(WAIT).until(() -> !seen.isEmpty());
    assertThat(catalogEndpoints(latest())).isEmpty();

    String steady = client.register(new InstanceRegistration(
        "catalog", "default", "127.0.0.1", 41001, Map.of("version", "v1"), "zone-a", 15)).id();
    String shortLived = client.register(new InstanceRegistration(
        "catalog", "default", "127.0.0.1", 41002, Map.of(), "", 1)).id();
    // The short-lived lease may run out soon after: look for the version with both among all.
    await().atMost(WAIT).until(() -> seen.stream().anyMatch(s -> catalogEndpoints(s).size() == 2));
    long versionWithBoth = seen.stream().filter(s -> catalogEndpoints(s).size() == 2)
        .mapToLong(Snapshot::version).max().orElseThrow();

    // The short-lived instance sends no heartbeat: its one-second lease runs out.
    await().atMost(WAIT).until(() -> catalogEndpoints(latest()).size() == 1);
    assertThat(latest().version()).isGreaterThan(versionWithBoth);
    assertThat(catalogEndpoints(latest())).extracting(Endpoint::id).containsExactly(steady);
    assertThat(shortLived).isNotEqualTo(steady);

    CommandResult table = control.cli("get", "endpoints", "catalog");
    assertThat(table.stdout()).contains("127.0.0.1:41001", "HEALTHY", "zone-a").doesNotContain("41002");
    CommandResult json = control.cli("get", "endpoints", "catalog", "-o", "json");
    assertThat(json.exitCode()).as(json.describe()).isZero();
    assertThat(json.stdout()).contains("\"port\" : 41001", "\"registeredAt\" : \"20");
    CommandResult yaml = control.cli("get", "endpoints", "-o", "yaml");
    assertThat(yaml.exitCode()).as(yaml.describe()).isZero();
    assertThat(yaml.stdout()).contains("port: 41001", "zone: zone-a");

    long beforeDeregister = latest().version();
    client.deregister(steady);
    await().atMost(WAIT).until(() -> catalogEndpoints(latest()).isEmpty());
    assertThat(latest().version()).isGreaterThan(beforeDeregister);
  }

  @Test
  void failingHealthCheckTakesAnEndpointOutAndRecoveryBringsItBack() throws Exception {
    AtomicInteger status = new AtomicInteger(200);
    HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext("/healthz", exchange -> {
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    app.start();
    try {
      client.apply("health.yaml", """
          apiVersion: trellis.dev/v1alpha1
          kind: TrafficPolicy
          metadata: {name: catalog-health}
          spec:
            targetRef: {kind: Service, name: catalog}
            healthCheck:
              type: HTTP
              http: {path: /healthz}
              interval: 500ms
              timeout: 400ms
              unhealthyThreshold: 2
              healthyThreshold: 1
          """, false);
      // As a sidecar registers: peers use the sidecar's port (nothing listens on it in this
      // test), health checks go to the application's own port.
      client.register(new InstanceRegistration("catalog", "default", "127.0.0.1", 41009,
          Map.of(), "", 15, app.getAddress().getPort()));
      watchAs("web", "catalog");
      await().atMost(WAIT).until(() -> healthOfOnlyCatalogEndpoint() == Health.HEALTHY);
      long healthyVersion = latest().version();

      status.set(503);
      await().atMost(WAIT).until(() -> healthOfOnlyCatalogEndpoint() == Health.UNHEALTHY);
      long unhealthyVersion = latest().version();
      assertThat(unhealthyVersion).isGreaterThan(healthyVersion);
      assertThat(control.cli("get", "endpoints", "catalog").stdout()).contains("UNHEALTHY", "503");

      status.set(200);
      await().atMost(WAIT).until(() -> healthOfOnlyCatalogEndpoint() == Health.HEALTHY);
      assertThat(latest().version()).isGreaterThan(unhealthyVersion);
    } finally {
      app.stop(0);
    }
  }

  @Test
  void aWatcherIsSentOnlyWhatConcernsIt() {
    client.register(InstanceRegistration.of("billing", "127.0.0.1", 41003));
    client.register(InstanceRegistration.of("catalog", "127.0.0.1", 41004));
    watchAs("web", "catalog");
    await().atMost(WAIT).until(() -> !seen.isEmpty() && catalogEndpoints(latest()).size() == 1);

    Snapshot snapshot = latest();
    assertThat(snapshot.endpoints()).containsKey("default/catalog").doesNotContainKey("default/billing");
    assertThat(snapshot.resources()).extracting(RegistryIT::name)
        .contains("web", "catalog").doesNotContain("billing");
  }

  private void watchAs(String service, String... upstreams) {
    watch = client.watch(new Subscription(service + "-1", service, "default", List.of(upstreams)),
        new WatchListener() {
          @Override
          public SnapshotDecision onSnapshot(Snapshot snapshot) {
            seen.add(snapshot);
            return SnapshotDecision.ack();
          }
        });
  }

  private Snapshot latest() {
    return seen.get(seen.size() - 1);
  }

  private static List<Endpoint> catalogEndpoints(Snapshot snapshot) {
    return snapshot.endpoints().getOrDefault("default/catalog", List.of());
  }

  private Health healthOfOnlyCatalogEndpoint() {
    if (seen.isEmpty()) {
      return null;
    }
    List<Endpoint> endpoints = catalogEndpoints(latest());
    return endpoints.size() == 1 ? endpoints.get(0).health() : null;
  }

  private static String name(ObjectNode document) {
    return document.path("metadata").path("name").asText();
  }
}
