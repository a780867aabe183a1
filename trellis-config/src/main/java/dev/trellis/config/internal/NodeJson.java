package dev.trellis.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between located {@link Node}s and plain Jackson trees. Stateless, thread-safe. */
public final class NodeJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NodeJson() {}

  /** The Jackson tree of {@code node}, with field order kept; lines are dropped. */
  public static JsonNode toJson(Node node) {
    return switch (node) {
      case Node.MapNode map -> {
        ObjectNode object = NODES.objectNode();
        map.fields().forEach((key, value) -> object.set(key, toJson(value)));
        yield object;
      }
      case Node.ListNode list -> {
        ArrayNode array = NODES.arrayNode();
        list.items().forEach(item -> array.add(toJson(item)));
        yield array;
      }
      case Node.ScalarNode scalar -> scalar.value().deepCopy();
      case Node.RefusedNode refused -> NODES.nullNode();
    };
  }

  /** A located tree for a Jackson tree whose lines are unknown (line 0 everywhere). */
  public static Node fromJson(JsonNode json) {
    if (json == null || json.isMissingNode()) {
      return new Node.ScalarNode(0, NODES.nullNode());
    }
    if (json.isObject()) {
      Map<String, Node> fields = new LinkedHashMap<>();
      json.properties().forEach(e -> fields.put(e.getKey(), fromJson(e.getValue())));
      return new Node.MapNode(0, fields);
    }
    if (json.isArray()) {
      List<Node> items = new ArrayList<>();
      json.forEach(item -> items.add(fromJson(item)));
      return new Node.ListNode(0, items);
    }
    return new Node.ScalarNode(0, json.isValueNode() ? json.deepCopy() : NODES.nullNode());
  }
}
