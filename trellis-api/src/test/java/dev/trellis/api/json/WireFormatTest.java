package dev.trellis.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.api.watch.Ack;
import dev.trellis.api.watch.Nack;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.api.watch.WatchMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON the doc (docs/control-api.md) shows is the JSON the records read and write. */
class WireFormatTest {
  private final ObjectMapper json = ApiJson.mapper();

  @Test
  void watchMessagesCarryTheirType() throws Exception {
    WatchMessage subscribe = json.readValue("""
        {"type":"subscribe","node":"web-1","service":"web","namespace":"default","upstreams":["catalog","reviews"]}
        """, WatchMessage.class);
    assertThat(subscribe).isEqualTo(new Subscription("web-1", "web", "default", List.of("catalog", "reviews")));

    assertThat(json.writeValueAsString(new Ack(42))).isEqualTo("{\"type\":\"ack\",\"version\":42}");
    assertThat(json.readValue("{\"type\":\"nack\",\"version\":42,\"error\":\"bad\"}", WatchMessage.class))
        .isEqualTo(new Nack(42, "bad"));
  }

  @Test
  void snapshotEndpointsLeaveOutWhatProxiesDoNotNeed() throws Exception {
    Snapshot snapshot = new Snapshot(7, List.of(), Map.of("default/catalog", List.of(
        new Endpoint("catalog-1", "127.0.0.1", 9001, Map.of(), "", Health.HEALTHY, null, null))));

    assertThat(json.writeValueAsString(snapshot)).isEqualTo("{\"type\":\"snapshot\",\"version\":7,"
        + "\"resources\":[],\"endpoints\":{\"default/catalog\":[{\"id\":\"catalog-1\","
        + "\"address\":\"127.0.0.1\",\"port\":9001,\"labels\":{},\"zone\":\"\",\"health\":\"HEALTHY\"}]}}");
  }

  @Test
  void registrationDefaultsAndInstantsAsText() throws Exception {
    InstanceRegistration registration = json.readValue(
        "{\"service\":\"catalog\",\"address\":\"127.0.0.1\",\"port\":9001}", InstanceRegistration.class);
    assertThat(registration).isEqualTo(new InstanceRegistration(
        "catalog", "default", "127.0.0.1", 9001, Map.of(), "", 15));

    Endpoint endpoint = new Endpoint("x", "127.0.0.1", 1, Map.of(), "", Health.UNKNOWN, "",
        Instant.parse("2026-11-24T23:00:00Z"));
    String text = json.writeValueAsString(endpoint);
    assertThat(text).contains("\"registeredAt\":\"2026-11-24T23:00:00Z\"");
    assertThat(json.readValue(text, Endpoint.class)).isEqualTo(endpoint);
  }
}
