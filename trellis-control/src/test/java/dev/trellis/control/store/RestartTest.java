package dev.trellis.control.store;

import static dev.trellis.control.Mesh.docs;
import static dev.trellis.control.Mesh.route;
import static dev.trellis.control.Mesh.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.client.ControlClient;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.config.ConfigException;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.MutableClock;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
  @TempDir Path dataDir;
  final MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");

  @Test
  void resourcesInstancesVersionAndTokenSurviveARestart() throws Exception {
    String token;
    String instance;
    try (ControlPlane first = TestControlPlane.start(dataDir, clock);
        ControlClient client = TestControlPlane.client(first)) {
      token = first.token();
      client.apply("mesh.yaml", docs(service("catalog"), route("r", "catalog", "catalog")), false);
      instance = client.register(new InstanceRegistration(
          "catalog", "default", "127.0.0.1", 9001, Map.of(), "", 10)).id();
      assertThat(first.version()).isEqualTo(2);
    }

    // Nine seconds after the registration, just before its lease would have run out.
    clock.advance(Duration.ofSeconds(9));
    try (ControlPlane second = TestControlPlane.start(dataDir, clock);
        ControlClient client = TestControlPlane.client(second)) {
      assertThat(second.token()).isEqualTo(token);
      assertThat(second.version()).isEqualTo(2);
      assertThat(client.get(ResourceKind.HTTP_ROUTE, "default", "r").at("/metadata/resourceVersion")
          .asText()).isEqualTo("1");
      assertThat(client.endpoints("catalog", "default").services().get(0).endpoints())
          .extracting(Endpoint::id).containsExactly(instance);

      // The lease restarted with the control plane: 9 more seconds is still within it ...
      clock.advance(Duration.ofSeconds(9));
      client.heartbeat(instance);
      // ... and without heartbeats it expires as usual.
      clock.advance(Duration.ofSeconds(11));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(client.endpoints("catalog", "default").services().get(0).endpoints()).isEmpty());
    }
  }

  @Test
  void storedStateThatNoLongerValidatesRefusesToStart() throws Exception {
    try (ControlPlane first = TestControlPlane.start(dataDir, clock);
        ControlClient client = TestControlPlane.client(first)) {
      client.apply("mesh.yaml", service("catalog"), false);
    }
    Path state = dataDir.resolve("state.json");
    Files.writeString(state, Files.readString(state).replace("\"port\" : 8080", "\"port\" : 0"));

    assertThatThrownBy(() -> TestControlPlane.start(dataDir, clock))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mesh.yaml: spec.ports[0].port: 0 (expected:");
  }
}
