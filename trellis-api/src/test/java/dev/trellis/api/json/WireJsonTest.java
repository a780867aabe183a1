package dev.trellis.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.registry.Registered;
import dev.trellis.api.watch.Ack;
import dev.trellis.api.watch.Nack;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.api.watch.WatchMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link WireJson} writes and reads what {@link ApiJson}'s data binding (the control plane's)
 * reads and writes: every message both ways, with every field of its record set, so that a field
 * added to one of these records breaks a test here until WireJson knows it.
 */
class WireJsonTest {
  private final ObjectMapper binding = ApiJson.mapper();

  @Test
  void registrationReadsBackAsTheSameRecord() throws Exception {
    InstanceRegistration registration = new InstanceRegistration("catalog", "shop", "127.0.0.1", 9001,
        Map.of("version", "v2"), "zone-a", 30, 8081);
    assertThat(binding.readValue(WireJson.registration(registration), InstanceRegistration.class))
        .isEqualTo(registration);

    Registered registered = new Registered("catalog-1", 15);
    assertThat(WireJson.registered(binding.writeValueAsBytes(registered))).isEqualTo(registered);
  }

  @Test
  void watchMessagesReadBackAsTheSameRecords() throws Exception {
    for (WatchMessage message : List.of(
        new Subscription("web-1", "web", "shop", List.of("catalog", "other/reviews")),
        new Ack(7),
        new Nack(8, "route x: no such service"),
        new Nack(9, null))) {
      assertThat(binding.readValue(WireJson.watchMessage(message), WatchMessage.class)).isEqualTo(message);
      assertThat(WireJson.watchMessage(message)).isEqualTo(binding.writeValueAsString(message));
    }
  }

  @Test
  void snapshotsReadAndWriteAsBindingDoes() throws Exception {
    Snapshot snapshot = snapshot();
    byte[] bound = binding.writerFor(WatchMessage.class).writeValueAsBytes(snapshot);

    assertThat(WireJson.readSnapshot(bound)).contains(snapshot);
    assertThat(new String(WireJson.snapshot(snapshot), StandardCharsets.UTF_8))
        .isEqualTo(new String(bound, StandardCharsets.UTF_8));
  }

  @Test
  void otherMessagesAreNoSnapshotAndBadOnesAreRefused() throws Exception {
    assertThat(WireJson.readSnapshot(WireJson.watchMessage(new Ack(3)).getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThatThrownBy(() -> WireJson.readSnapshot("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    String badHealth = "{\"type\":\"snapshot\",\"version\":1,\"resources\":[],"
        + "\"endpoints\":{\"default/a\":[{\"id\":\"a-1\",\"health\":\"GREAT\"}]}}";
    assertThatThrownBy(() -> WireJson.readSnapshot(badHealth.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class).hasMessageContaining("GREAT");
  }

  @Test
  void unknownFieldsAreIgnoredAndAbsentOnesTakeTheRecordsDefaults() throws Exception {
    String text = "{\"type\":\"snapshot\",\"version\":4,\"future\":true,\"resources\":[],"
        + "\"endpoints\":{\"default/a\":[{\"id\":\"a-1\",\"address\":\"10.0.0.1\",\"port\":80,\"new\":1}]}}";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(WireJson.readSnapshot(bytes)).contains((Snapshot) binding.readValue(bytes, WatchMessage.class));
  }

  private Snapshot snapshot() throws IOException {
    ObjectNode service = (ObjectNode) binding.readTree(
        "{\"apiVersion\":\"trellis.dev/v1alpha1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"catalog\"},"
            + "\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":9001,\"appProtocol\":\"http\"}]}}");
    Endpoint full = new Endpoint("catalog-1", "127.0.0.1", 9001, Map.of("version", "v2"), "zone-a",
        Health.UNHEALTHY, "3 failed checks", Instant.parse("2026-11-24T23:00:00.123Z"));
    Endpoint bare = new Endpoint("catalog-2", "127.0.0.2", 9002, Map.of(), "", Health.UNKNOWN, null, null);
    return new Snapshot(12, List.of(service), Map.of("default/catalog", List.of(full, bare)));
  }
}
