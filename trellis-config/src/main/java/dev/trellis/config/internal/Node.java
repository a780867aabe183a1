package dev.trellis.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed document node that remembers the line it was written on, so that every error can
 * point at it.
 *
 * <p>A value written under a mapping key carries the key's line (that is where a user looks for
 * it, also for block scalars and nested mappings); a list item carries the line it starts on.
 * Line 0 means unknown (documents that arrive already parsed, from the store or the wire).
 * Nodes are immutable once built.
 */
public sealed interface Node {

  /** 1-based line, or 0 when unknown. */
  int line();

  /** The node as an error message shows it: scalars as written, containers abbreviated. */
  String describe();

  /**
   * A value that was refused while parsing (a YAML alias) and already reported: readers treat
   * it as present and say nothing more about it.
   */
  record RefusedNode(int line) implements Node {
    @Override
    public String describe() {
      return "refused";
    }
  }

  /** A mapping; keys keep their document order. */
  record MapNode(int line, Map<String, Node> fields) implements Node {
    public MapNode {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record ListNode(int line, List<Node> items) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar: a Jackson value node (text, number, boolean or null), which keeps its type so that
   * {@code port: "80"} (a string) is told apart from {@code port: 80}.
   */
  record ScalarNode(int line, JsonNode value) implements Node {

    public boolean isNull() {
      return value.isNull();
    }

    @Override
    public String describe() {
      if (value.isNull()) {
        return "null";
      }
      if (!value.isTextual()) {
        return value.asText();
      }
      String text = value.textValue();
      // Quote what would not read back as written: empty, padded or multi-line text.
      boolean plain = !text.isEmpty() && text.equals(text.strip())
          && text.chars().noneMatch(c -> c < 0x20);
      return plain ? text : value.toString();
    }
  }
}
