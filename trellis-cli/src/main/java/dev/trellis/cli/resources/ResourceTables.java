package dev.trellis.cli.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.EndpointsView;
import dev.trellis.api.registry.ServiceEndpoints;
import dev.trellis.cli.output.Table;
import dev.trellis.config.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The table view of each kind: the columns that say at a glance what a resource does.
 *
 * <p>Reads the stored documents rather than the parsed records, so that it shows what the user
 * wrote (and works for documents written by a newer control plane).
 */
final class ResourceTables {
  private ResourceTables() {}

  static Table of(ResourceKind kind, List<ObjectNode> documents) {
    Table table = switch (kind) {
      case SERVICE -> new Table("NAMESPACE", "NAME", "PORTS", "VERSION");
      case HTTP_ROUTE, GRPC_ROUTE -> new Table("NAMESPACE", "NAME", "PARENTS", "BACKENDS", "VERSION");
      case TRAFFIC_POLICY -> new Table("NAMESPACE", "NAME", "TARGET", "POLICIES", "VERSION");
      case AUTHORIZATION_POLICY -> new Table("NAMESPACE", "NAME", "TARGET", "ACTION", "RULES", "VERSION");
      case MESH_CONFIG -> new Table("NAME", "TRUST DOMAIN", "MTLS", "DEFAULT AUTHZ", "VERSION");
    };
    for (JsonNode doc : documents) {
      JsonNode meta = doc.path("metadata");
      JsonNode spec = doc.path("spec");
      String namespace = meta.path("namespace").asText("default");
      String name = meta.path("name").asText();
      String version = meta.path("resourceVersion").asText("");
      switch (kind) {
        case SERVICE -> table.row(namespace, name, ports(spec), version);
        case HTTP_ROUTE, GRPC_ROUTE -> table.row(namespace, name, parents(spec), backends(spec), version);
        case TRAFFIC_POLICY -> table.row(namespace, name, target(spec), sections(spec), version);
        case AUTHORIZATION_POLICY -> table.row(namespace, name, target(spec),
            spec.path("action").asText("ALLOW"), spec.path("rules").size(), version);
        case MESH_CONFIG -> table.row(name, spec.path("trustDomain").asText("trellis.local"),
            spec.path("mtls").path("mode").asText("PERMISSIVE"),
            spec.path("defaultAuthorization").asText("ALLOW"), version);
      }
    }
    return table;
  }

  static Table endpoints(EndpointsView view) {
    Table table = new Table("SERVICE", "NAMESPACE", "ADDRESS", "HEALTH", "ZONE", "AGE", "ID", "DETAIL");
    Instant now = Instant.now();
    for (ServiceEndpoints service : view.services()) {
      for (Endpoint endpoint : service.endpoints()) {
        table.row(service.service(), service.namespace(),
            endpoint.address() + ":" + endpoint.port(), endpoint.health(), endpoint.zone(),
            endpoint.registeredAt() == null ? "" : age(Duration.between(endpoint.registeredAt(), now)),
            endpoint.id(), endpoint.healthDetail() == null ? "" : endpoint.healthDetail());
      }
    }
    return table;
  }

  /** Compact ages as kubectl prints them: 45s, 3m, 5h, 2d. */
  static String age(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    if (seconds < 120) {
      return seconds + "s";
    } else if (seconds < 7200) {
      return seconds / 60 + "m";
    } else if (seconds < 172800) {
      return seconds / 3600 + "h";
    }
    return seconds / 86400 + "d";
  }

  private static String ports(JsonNode spec) {
    List<String> ports = new ArrayList<>();
    for (JsonNode port : spec.path("ports")) {
      ports.add(port.path("name").asText() + ":" + port.path("port").asText() + "/"
          + port.path("appProtocol").asText("http"));
    }
    return String.join(",", ports);
  }

  private static String parents(JsonNode spec) {
    Set<String> parents = new LinkedHashSet<>();
    for (JsonNode ref : spec.path("parentRefs")) {
      parents.add(ref.path("name").asText());
    }
    return String.join(",", parents);
  }

  private static String backends(JsonNode spec) {
    Set<String> backends = new LinkedHashSet<>();
    for (JsonNode rule : spec.path("rules")) {
      for (JsonNode ref : rule.path("backendRefs")) {
        backends.add(ref.path("name").asText()
            + (ref.has("weight") ? "(" + ref.path("weight").asText() + ")" : ""));
      }
    }
    return String.join(",", backends);
  }

  private static String target(JsonNode spec) {
    JsonNode ref = spec.path("targetRef");
    return ref.isMissingNode() ? "(namespace)" : ref.path("kind").asText() + "/" + ref.path("name").asText();
  }

  private static String sections(JsonNode spec) {
    List<String> sections = new ArrayList<>();
    spec.fieldNames().forEachRemaining(field -> {
      if (!field.equals("targetRef")) {
        sections.add(field);
      }
    });
    return String.join(",", sections);
  }
}
