package dev.trellis.control.health;

import static dev.trellis.control.Mesh.docs;
import static dev.trellis.control.Mesh.httpHealthCheck;
import static dev.trellis.control.Mesh.service;
import static dev.trellis.control.Mesh.tcpHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.SnapshotWatch;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.RecordingListener;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCheckTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dataDir;
  ControlPlane control;
  ControlClient client;
  HttpServer app;
  final AtomicInteger appStatus = new AtomicInteger(200);

  @BeforeEach
  void start() throws Exception {
    control = TestControlPlane.start(dataDir);
    client = TestControlPlane.client(control);
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/healthz", exchange -> {
      exchange.sendResponseHeaders(appStatus.get(), -1);
      exchange.close();
    });
    app.start();
  }

  @AfterEach
  void stop() {
    app.stop(0);
    client.close();
    control.close();
  }

  @Test
  void failingAndRecoveringEndpointReachesWatchersAsNewVersions() {
    client.apply("mesh.yaml", docs(service("web"), service("catalog"),
        httpHealthCheck("catalog-health", "catalog", "/healthz")), false);
    String id = client.register(InstanceRegistration.of("catalog", "127.0.0.1",
        app.getAddress().getPort())).id();
    RecordingListener web = RecordingListener.acking();

    try (SnapshotWatch watch = client.watch(
        new Subscription("web-1", "web", "default", List.of("catalog")), web)) {
      // The policy that carries the check is in the watcher's scope too.
      await().atMost(WAIT).until(() -> !web.snapshots.isEmpty());
      assertThat(web.lastResourceNames()).contains("TrafficPolicy catalog-health");

      await().atMost(WAIT).until(() -> health(web.last()) == Health.HEALTHY);
      long healthyVersion = web.last().version();

      appStatus.set(503);
      await().atMost(WAIT).until(() -> health(web.last()) == Health.UNHEALTHY);
      long unhealthyVersion = web.last().version();
      assertThat(unhealthyVersion).isGreaterThan(healthyVersion);
      assertThat(client.endpoints("catalog", "default").services().get(0).endpoints())
          .singleElement().satisfies(endpoint -> {
            assertThat(endpoint.id()).isEqualTo(id);
            assertThat(endpoint.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(endpoint.healthDetail()).isEqualTo("GET /healthz: 503");
          });

      appStatus.set(200);
      await().atMost(WAIT).until(() -> health(web.last()) == Health.HEALTHY);
      assertThat(web.last().version()).isGreaterThan(unhealthyVersion);
      // Each snapshot of the flips went out once: no resend of an unchanged scope.
      assertThat(web.snapshots).extracting(Snapshot::version).doesNotHaveDuplicates();
    }
  }

  @Test
  void tcpCheckMarksAClosedPortUnhealthy() throws Exception {
    ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    client.apply("mesh.yaml", docs(service("db"), tcpHealthCheck("db-health", "db")), false);
    client.register(InstanceRegistration.of("db", "127.0.0.1", listening.getLocalPort()));

    await().atMost(WAIT).until(() -> dbHealth() == Health.HEALTHY);
    listening.close();
    await().atMost(WAIT).until(() -> dbHealth() == Health.UNHEALTHY);
    assertThat(client.endpoints("db", "default").services().get(0).endpoints().get(0).healthDetail())
        .startsWith("TCP connect: ");
  }

  @Test
  void removingTheCheckMakesEndpointsHealthyAgain() {
    appStatus.set(500);
    client.apply("mesh.yaml", docs(service("catalog"),
        httpHealthCheck("catalog-health", "catalog", "/healthz")), false);
    client.register(InstanceRegistration.of("catalog", "127.0.0.1", app.getAddress().getPort()));
    await().atMost(WAIT).until(() -> catalogHealth() == Health.UNHEALTHY);

    client.delete(ResourceKind.TRAFFIC_POLICY, "default", "catalog-health");

    await().atMost(WAIT).until(() -> catalogHealth() == Health.HEALTHY);
  }

  private Health dbHealth() {
    return client.endpoints("db", "default").services().get(0).endpoints().get(0).health();
  }

  private Health catalogHealth() {
    return client.endpoints("catalog", "default").services().get(0).endpoints().get(0).health();
  }

  private static Health health(Snapshot snapshot) {
    List<Endpoint> endpoints = snapshot.endpoints().get("default/catalog");
    return endpoints.isEmpty() ? null : endpoints.get(0).health();
  }
}
