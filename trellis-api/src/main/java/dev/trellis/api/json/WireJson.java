package dev.trellis.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages a sidecar sends and reads on its way to {@code ready} (registration, the watch's
 * frames, the cached snapshot), in exactly {@link ApiJson}'s format, written with Jackson's
 * streaming generator and read through its tree model.
 *
 * <p>Why not data binding, as the control plane does: binding finds each record's shape by
 * reflection the first time it meets it, which on a sidecar's start cost ~500 classes and tens
 * of milliseconds of CPU for five small messages. The fields are spelled out here instead, and
 * {@code WireJsonTest} checks every message against {@link ApiJson}'s binding both ways, so a
 * field added to one of these records fails that test until it is added here too.
 *
 * <p>As with {@link ApiJson}: absent or {@code null} fields are left out when writing; unknown
 * fields are ignored when reading; instants are ISO-8601 text.
 */
public final class WireJson {
  private WireJson() {}

  // ---- registration

  public static byte[] registration(InstanceRegistration registration) {
    return write(out -> {
      out.writeStartObject();
      out.writeStringField("service", registration.service());
      out.writeStringField("namespace", registration.namespace());
      out.writeStringField("address", registration.address());
      out.writeNumberField("port", registration.port());
      writeLabels(out, registration.labels());
      out.writeStringField("zone", registration.zone());
      out.writeNumberField("leaseSeconds", registration.leaseSeconds());
      out.writeNumberField("healthPort", registration.healthPort());
      out.writeEndObject();
    });
  }

  public static Registered registered(byte[] body) throws IOException {
    JsonNode node = object(ApiJson.mapper().readTree(body), "registration answer");
    return new Registered(text(node, "id"), node.path("leaseSeconds").asInt());
  }

  // ---- the watch

  /** A message the sidecar sends: {@code subscribe}, {@code ack} or {@code nack}. */
  public static String watchMessage(WatchMessage message) {
    byte[] bytes = write(out -> {
      out.writeStartObject();
      // instanceof rather than a pattern switch, whose bootstrap spins classes at first use.
      if (message instanceof Subscription s) {
        out.writeStringField("type", "subscribe");
        out.writeStringField("node", s.node());
        out.writeStringField("service", s.service());
        out.writeStringField("namespace", s.namespace());
        out.writeArrayFieldStart("upstreams");
        for (String upstream : s.upstreams()) {
          out.writeString(upstream);
        }
        out.writeEndArray();
      } else if (message instanceof Ack ack) {
        out.writeStringField("type", "ack");
        out.writeNumberField("version", ack.version());
      } else if (message instanceof Nack nack) {
        out.writeStringField("type", "nack");
        out.writeNumberField("version", nack.version());
        if (nack.error() != null) {
          out.writeStringField("error", nack.error());
        }
      } else if (message instanceof Snapshot snapshot) {
        writeSnapshotFields(out, snapshot);
      }
      out.writeEndObject();
    });
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A snapshot as the watch sends it, {@code "type":"snapshot"} included (the disk cache's format). */
  public static byte[] snapshot(Snapshot snapshot) {
    return write(out -> {
      out.writeStartObject();
      writeSnapshotFields(out, snapshot);
      out.writeEndObject();
    });
  }

  /**
   * The snapshot in a watch frame (or the disk cache); empty when the frame is another message.
   *
   * @throws IOException when it is not JSON, or not a snapshot of the expected shape
   */
  public static Optional<Snapshot> readSnapshot(byte[] json) throws IOException {
    JsonNode node = object(ApiJson.mapper().readTree(json), "watch message");
    if (!"snapshot".equals(node.path("type").asText())) {
      return Optional.empty();
    }
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode resource : node.path("resources")) {
      resources.add((ObjectNode) object(resource, "resource"));
    }
    Map<String, List<Endpoint>> endpoints = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> service : node.path("endpoints").properties()) {
      List<Endpoint> list = new ArrayList<>();
      for (JsonNode endpoint : service.getValue()) {
        list.add(endpoint(object(endpoint, "endpoint of " + service.getKey())));
      }
      endpoints.put(service.getKey(), list);
    }
    return Optional.of(new Snapshot(node.path("version").asLong(), resources, endpoints));
  }

  private static void writeSnapshotFields(JsonGenerator out, Snapshot snapshot) throws IOException {
    out.writeStringField("type", "snapshot");
    out.writeNumberField("version", snapshot.version());
    out.writeArrayFieldStart("resources");
    for (ObjectNode resource : snapshot.resources()) {
      out.writeTree(resource);
    }
    out.writeEndArray();
    out.writeObjectFieldStart("endpoints");
    for (Map.Entry<String, List<Endpoint>> service : snapshot.endpoints().entrySet()) {
      out.writeArrayFieldStart(service.getKey());
      for (Endpoint endpoint : service.getValue()) {
        writeEndpoint(out, endpoint);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private static void writeEndpoint(JsonGenerator out, Endpoint endpoint) throws IOException {
    out.writeStartObject();
    writeIfPresent(out, "id", endpoint.id());
    writeIfPresent(out, "address", endpoint.address());
    out.writeNumberField("port", endpoint.port());
    writeLabels(out, endpoint.labels());
    out.writeStringField("zone", endpoint.zone());
    writeIfPresent(out, "health", endpoint.health() == null ? null : endpoint.health().name());
    writeIfPresent(out, "healthDetail", endpoint.healthDetail());
    writeIfPresent(out, "registeredAt", endpoint.registeredAt() == null ? null : endpoint.registeredAt().toString());
    out.writeEndObject();
  }

  private static Endpoint endpoint(JsonNode node) throws IOException {
    String health = text(node, "health");
    String registeredAt = text(node, "registeredAt");
    try {
      return new Endpoint(text(node, "id"), text(node, "address"), node.path("port").asInt(),
          labels(node.get("labels")), text(node, "zone"),
          health == null ? null : Health.valueOf(health), text(node, "healthDetail"),
          registeredAt == null ? null : Instant.parse(registeredAt));
    } catch (RuntimeException e) { // an unknown health, a malformed instant, a null label
      throw new IOException("unreadable endpoint " + node + ": " + e.getMessage(), e);
    }
  }

  // ---- plumbing

  private interface Writing {
    void to(JsonGenerator out) throws IOException;
  }

  private static byte[] write(Writing writing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator out = ApiJson.mapper().getFactory().createGenerator(bytes)) {
      writing.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to memory", e);
    }
    return bytes.toByteArray();
  }

  private static void writeIfPresent(JsonGenerator out, String field, String value) throws IOException {
    if (value != null) {
      out.writeStringField(field, value);
    }
  }

  private static void writeLabels(JsonGenerator out, Map<String, String> labels) throws IOException {
    out.writeObjectFieldStart("labels");
    for (Map.Entry<String, String> label : labels.entrySet()) {
      out.writeStringField(label.getKey(), label.getValue());
    }
    out.writeEndObject();
  }

  private static Map<String, String> labels(JsonNode node) {
    if (node == null || node.isNull()) {
      return null; // the records' constructors make that an empty map
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : node.properties()) {
      labels.put(label.getKey(), label.getValue().isNull() ? null : label.getValue().asText());
    }
    return labels;
  }

  /** The field's text, or null when it is absent or null (as binding gives a record). */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode object(JsonNode node, String what) throws IOException {
    if (node == null || !node.isObject()) {
      throw new IOException("expected a JSON object for the " + what + ", got " + node);
    }
    return node;
  }
}
