package dev.trellis.control.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.client.ControlApiException;
import dev.trellis.api.client.ControlClient;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.EndpointsView;
import dev.trellis.api.registry.Health;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.registry.Registered;
import dev.trellis.control.MutableClock;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
  @TempDir Path dataDir;
  final MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
  ControlPlane control;
  ControlClient client;

  @BeforeEach
  void start() throws Exception {
    control = TestControlPlane.start(dataDir, clock);
    client = TestControlPlane.client(control);
  }

  @AfterEach
  void stop() {
    client.close();
    control.close();
  }

  @Test
  void registeredInstanceIsListedWithItsDetails() {
    Registered registered = client.register(new InstanceRegistration(
        "catalog", null, "127.0.0.1", 9001, Map.of("version", "v2"), "zone-a", 0));

    assertThat(registered.id()).startsWith("catalog-");
    assertThat(registered.leaseSeconds()).isEqualTo(15);
    EndpointsView view = client.endpoints("catalog", "default");
    assertThat(view.version()).isEqualTo(1);
    assertThat(view.services()).singleElement().satisfies(service -> {
      assertThat(service.service()).isEqualTo("catalog");
      assertThat(service.endpoints()).containsExactly(new Endpoint(registered.id(), "127.0.0.1",
          9001, Map.of("version", "v2"), "zone-a", Health.HEALTHY, "",
          Instant.parse("2026-11-24T12:00:00Z")));
    });
    assertThat(client.endpoints().services()).hasSize(1);
  }

  @Test
  void leaseExpiresWithoutHeartbeatsAndHeartbeatsKeepItAlive() {
    String kept = client.register(lease("catalog", 9001, 10)).id();
    String dropped = client.register(lease("catalog", 9002, 10)).id();

    clock.advance(Duration.ofSeconds(6));
    client.heartbeat(kept);
    clock.advance(Duration.ofSeconds(6)); // dropped is 12s old now; kept was renewed 6s ago

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(endpointIds("catalog")).containsExactly(kept));
    ControlApiException expired = catchThrowableOfType(ControlApiException.class,
        () -> client.heartbeat(dropped));
    assertThat(expired.status()).isEqualTo(404);

    clock.advance(Duration.ofSeconds(11));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(endpointIds("catalog")).isEmpty());
  }

  @Test
  void deregisteredInstanceLeavesAtOnce() {
    String first = client.register(lease("catalog", 9001, 15)).id();
    String second = client.register(lease("catalog", 9002, 15)).id();
    long before = control.version();

    client.deregister(first);

    assertThat(endpointIds("catalog")).containsExactly(second);
    assertThat(control.version()).isEqualTo(before + 1);
    assertThat(catchThrowableOfType(ControlApiException.class, () -> client.deregister(first)).status())
        .isEqualTo(404);
  }

  @Test
  void invalidRegistrationIsRefusedWithEveryProblem() {
    ControlApiException refused = catchThrowableOfType(ControlApiException.class, () ->
        client.register(new InstanceRegistration("Catalog!", "default", "127.0.0.1", 70000,
            Map.of(), "", -1)));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.details()).containsExactly(
        "service: Catalog! (expected: a DNS label: at most 63 lower-case letters, digits and"
            + " '-', starting and ending with a letter or digit)",
        "port: 70000 (expected: 1..65535)",
        "leaseSeconds: -1 (expected: 1..3600)");
    assertThat(client.endpoints().services()).isEmpty();
  }

  private List<String> endpointIds(String service) {
    return client.endpoints(service, "default").services().get(0).endpoints().stream()
        .map(Endpoint::id).toList();
  }

  private static InstanceRegistration lease(String service, int port, int seconds) {
    return new InstanceRegistration(service, "default", "127.0.0.1", port, Map.of(), "", seconds);
  }

  @Test
  void aDeregistrationThatCannotBeWrittenKeepsTheLease() throws Exception {
    Registered registered = client.register(new InstanceRegistration(
        "catalog", null, "127.0.0.1", 9001, Map.of(), "", 0));
    // A directory where the store writes its temporary file: every write fails.
    Path blocker = java.nio.file.Files.createDirectory(dataDir.resolve("state.json.tmp"));

    ControlApiException refused = catchThrowableOfType(ControlApiException.class,
        () -> client.deregister(registered.id()));
    assertThat(refused.status()).isEqualTo(503);

    java.nio.file.Files.delete(blocker);
    // The clock stands still: lease sweeps (every 20 ms) must find the lease alive, not missing.
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() ->
        client.endpoints("catalog", "default").services().get(0).endpoints().size() == 1);
  }
}
