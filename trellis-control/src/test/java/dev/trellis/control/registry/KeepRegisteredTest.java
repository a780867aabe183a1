package dev.trellis.control.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trellis.api.client.ControlClient;
import dev.trellis.api.client.Registration;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.control.TestControlPlane;
import dev.trellis.control.server.ControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepRegisteredTest {
  @TempDir Path dataDir;

  @Test
  void registersAgainWhenTheControlPlaneForgetsAndDeregistersOnClose() throws Exception {
    try (ControlPlane control = TestControlPlane.start(dataDir);
        ControlClient client = TestControlPlane.client(control)) {
      Registration registration = client.keepRegistered(new InstanceRegistration(
          "catalog", "default", "127.0.0.1", 9001, Map.of(), "", 1));
      String first = registration.id();
      assertThat(endpointIds(client)).containsExactly(first);

      // As if the instance's lease had run out: the next heartbeat gets 404 and registers again.
      client.deregister(first);
      await().atMost(Duration.ofSeconds(5)).until(() -> !registration.id().equals(first));
      assertThat(endpointIds(client)).containsExactly(registration.id());

      registration.close();
      assertThat(endpointIds(client)).isEmpty();
    }
  }

  private static List<String> endpointIds(ControlClient client) {
    return client.endpoints("catalog", "default").services().get(0).endpoints().stream()
        .map(Endpoint::id).toList();
  }
}
