package dev.trellis.control.watch;

import static dev.trellis.control.Mesh.denyAdmin;
import static dev.trellis.control.Mesh.docs;
import static dev.trellis.control.Mesh.route;
import static dev.trellis.control.Mesh.service;
import static dev.trellis.control.Mesh.tcpHealthCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.SnapshotDecision;
import dev.trellis.api.client.SnapshotWatch;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.watch.ProxyStatus;
import dev.trellis.api.watch.Subscription;
import dev.trellis.control.RecordingListener;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchScopeTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dataDir;
  ControlPlane control;
  ControlClient client;

  @BeforeEach
  void start() throws Exception {
    control = TestControlPlane.start(dataDir);
    client = TestControlPlane.client(control);
    client.apply("mesh.yaml", docs(
        service("web"), service("catalog"), service("catalog-v2"), service("reviews"),
        service("ratings"),
        route("catalog-split", "catalog", "catalog", "catalog-v2"),
        route("reviews-route", "reviews", "reviews"),
        route("ratings-route", "ratings", "ratings")), false);
    client.register(InstanceRegistration.of("catalog", "127.0.0.1", 9001));
    client.register(InstanceRegistration.of("catalog-v2", "127.0.0.1", 9002));
    client.register(InstanceRegistration.of("reviews", "127.0.0.1", 9003));
  }

  @AfterEach
  void stop() {
    client.close();
    control.close();
  }

  @Test
  void watcherGetsOnlyWhatConcernsIt() {
    RecordingListener web = RecordingListener.acking();
    try (SnapshotWatch watch = client.watch(subscription("web-1", "web", "catalog"), web)) {
      await().atMost(WAIT).until(() -> !web.snapshots.isEmpty());

      // The backend of a route to its upstream is in scope; reviews and ratings are not.
      assertThat(web.lastResourceNames()).containsExactlyInAnyOrder(
          "Service web", "Service catalog", "Service catalog-v2", "HTTPRoute catalog-split");
      assertThat(web.last().endpoints()).containsOnlyKeys("default/catalog", "default/catalog-v2");
      assertThat(web.last().endpoints().get("default/catalog")).singleElement()
          .extracting(Endpoint::port).isEqualTo(9001);
      assertThat(web.last().version()).isEqualTo(control.version());

      // Changes outside the scope send nothing ...
      client.apply("more.yaml", route("ratings-route", "ratings", "ratings", "reviews"), false);
      client.register(InstanceRegistration.of("reviews", "127.0.0.1", 9004));
      // ... and a change inside it arrives as the very next snapshot.
      client.register(InstanceRegistration.of("catalog-v2", "127.0.0.1", 9005));
      await().atMost(WAIT).until(() -> web.snapshots.size() >= 2);
      assertThat(web.snapshots).hasSize(2);
      assertThat(web.last().version()).isEqualTo(control.version());
      assertThat(web.last().endpoints().get("default/catalog-v2")).extracting(Endpoint::port)
          .containsExactly(9002, 9005);

      await().atMost(WAIT).untilAsserted(() -> assertThat(status("web-1").lastAckedVersion())
          .isEqualTo(web.last().version()));
      assertThat(status("web-1").lastSentVersion()).isEqualTo(web.last().version());
      assertThat(status("web-1").connected()).isTrue();
    }
    await().atMost(WAIT).until(() -> !status("web-1").connected());
  }

  /** Traffic policies of what it calls, authorization policies of itself only. */
  @Test
  void policiesFollowWhatTheyTarget() {
    client.apply("policies.yaml", docs(
        tcpHealthCheck("catalog-v2-policy", "catalog-v2"),
        tcpHealthCheck("ratings-policy", "ratings"),
        denyAdmin("web-inbound", "web"),
        denyAdmin("reviews-inbound", "reviews"),
        denyAdmin("catalog-inbound", "catalog"),
        denyAdmin("namespace-wide", null),
        "apiVersion: trellis.dev/v1alpha1\nkind: MeshConfig\nmetadata:\n  name: default\n"), false);
    RecordingListener web = RecordingListener.validating();
    try (SnapshotWatch watch = client.watch(subscription("web-1", "web", "catalog"), web)) {
      await().atMost(WAIT).until(() -> !web.snapshots.isEmpty());

      assertThat(web.lastResourceNames()).containsExactlyInAnyOrder(
          "Service web", "Service catalog", "Service catalog-v2", "HTTPRoute catalog-split",
          "TrafficPolicy catalog-v2-policy", "AuthorizationPolicy web-inbound",
          "AuthorizationPolicy namespace-wide", "MeshConfig default");
      // Every document sent validates as the proxy checks it, so the snapshot is acked.
      long version = web.last().version();
      await().atMost(WAIT).untilAsserted(() ->
          assertThat(status("web-1").lastAckedVersion()).isEqualTo(version));
      assertThat(status("web-1").lastNackedVersion()).isZero();
    }
  }

  @Test
  void resubscribingChangesTheScope() {
    RecordingListener web = RecordingListener.acking();
    try (SnapshotWatch watch = client.watch(subscription("web-1", "web", "catalog"), web)) {
      await().atMost(WAIT).until(() -> web.snapshots.size() == 1);

      watch.subscribe(subscription("web-1", "web", "reviews"));

      await().atMost(WAIT).until(() -> web.snapshots.size() == 2);
      assertThat(web.lastResourceNames()).containsExactlyInAnyOrder(
          "Service web", "Service reviews", "HTTPRoute reviews-route");
      assertThat(web.last().endpoints()).containsOnlyKeys("default/reviews");
    }
  }

  @Test
  void nackIsRecordedWithItsReason() {
    RecordingListener picky = new RecordingListener(s -> SnapshotDecision.nack("no thanks"));
    try (SnapshotWatch watch = client.watch(subscription("web-2", "web", "catalog"), picky)) {
      await().atMost(WAIT).until(() -> !picky.snapshots.isEmpty());

      await().atMost(WAIT).untilAsserted(() -> {
        ProxyStatus status = status("web-2");
        assertThat(status.lastNackedVersion()).isEqualTo(picky.last().version());
        assertThat(status.lastNackError()).isEqualTo("no thanks");
        assertThat(status.lastAckedVersion()).isZero();
      });
    }
  }

  private ProxyStatus status(String node) {
    return client.proxies().proxies().stream().filter(p -> p.node().equals(node)).findFirst()
        .orElseThrow();
  }

  private static Subscription subscription(String node, String service, String... upstreams) {
    return new Subscription(node, service, "default", List.of(upstreams));
  }
}
