package dev.trellis.config.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON text into {@link Node} trees that know their lines, one per document.
 *
 * <p>YAML may hold several documents separated by {@code ---}; JSON text (it starts with
 * <code>{</code> or {@code [}) is one document, or an array whose items are documents. Empty
 * documents are skipped. Duplicate keys are reported to {@link Problems} (the first value wins,
 * so that the rest of the document is still checked). A syntax error ends the text: it is
 * reported and the documents read before it are returned. Stateless and thread-safe.
 */
public final class TreeParser {
  private static final JsonFactory YAML = YAMLFactory.builder().build();
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final JsonNodeFactory VALUES = JsonNodeFactory.instance;

  private TreeParser() {}

  /** One top-level document and the line it starts on. */
  public record Document(int line, Node root) {}

  public static List<Document> parse(String text, Problems problems) {
    boolean json = looksLikeJson(text);
    List<Document> documents = new ArrayList<>();
    try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
      JsonToken token = parser.nextToken();
      if (json && token == JsonToken.START_ARRAY) {
        // A JSON array is a list of documents, not a document.
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          addDocument(documents, read(parser, 0, "", problems));
        }
        token = parser.nextToken();
      }
      while (token != null) {
        addDocument(documents, read(parser, 0, "", problems));
        token = parser.nextToken();
      }
    } catch (JsonProcessingException e) {
      reportSyntaxError(e, json, problems);
    } catch (IOException e) {
      problems.add(0, "", String.valueOf(e.getMessage()), "readable text");
    }
    return documents;
  }

  private static void reportSyntaxError(JsonProcessingException e, boolean json,
      Problems problems) {
    String expected = json ? "well-formed JSON" : "well-formed YAML";
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      // SnakeYAML says what it found where, and what it was in the middle of.
      String problem = String.valueOf(marked.getProblem());
      if (marked.getContext() != null && marked.getContextMark() != null) {
        problem += " (" + marked.getContext() + " started at line "
            + (marked.getContextMark().getLine() + 1) + ")";
      }
      problems.add(marked.getProblemMark().getLine() + 1, "", problem, expected);
      return;
    }
    JsonLocation where = e.getLocation();
    problems.add(where == null ? 0 : Math.max(where.getLineNr(), 0), "",
        e.getOriginalMessage().lines().findFirst().orElse("unreadable"), expected);
  }

  private static void addDocument(List<Document> documents, Node root) {
    if (root instanceof Node.ScalarNode scalar
        && (scalar.isNull() || scalar.value().asText().isEmpty())) {
      return; // an empty document, e.g. a trailing "---" (YAML reads it as an empty scalar)
    }
    documents.add(new Document(root.line(), root));
  }

  private static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  /**
   * Reads the value whose first token is current. {@code keyLine} is the line of the key it is
   * written under, or 0 for list items and documents.
   */
  private static Node read(JsonParser parser, int keyLine, String path, Problems problems)
      throws IOException {
    int line = keyLine > 0 ? keyLine : lineOf(parser);
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Node> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int fieldLine = lineOf(parser);
          String fieldPath = path.isEmpty() ? key : path + "." + key;
          parser.nextToken();
          Node value = read(parser, fieldLine, fieldPath, problems);
          if (fields.containsKey(key)) {
            problems.add(fieldLine, fieldPath, "duplicate key",
                "each key at most once in a mapping (first at line "
                    + fields.get(key).line() + ")");
          } else {
            fields.put(key, value);
          }
        }
        return new Node.MapNode(line, fields);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser, 0, path + "[" + index++ + "]", problems));
        }
        return new Node.ListNode(line, items);
      }
      case VALUE_STRING -> {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          // Aliases would let one document hide a copy of another part; write values out.
          problems.add(line, path, "*" + parser.getText(),
              "a value written out (YAML aliases are not supported)");
          return new Node.RefusedNode(line);
        }
        return new Node.ScalarNode(line, VALUES.textNode(parser.getText()));
      }
      case VALUE_NUMBER_INT -> {
        return new Node.ScalarNode(line, switch (parser.getNumberType()) {
          case INT -> VALUES.numberNode(parser.getIntValue());
          case LONG -> VALUES.numberNode(parser.getLongValue());
          default -> VALUES.numberNode(parser.getBigIntegerValue());
        });
      }
      case VALUE_NUMBER_FLOAT -> {
        // A double, as Jackson's ObjectMapper reads it, so that documents compare equal after
        // a trip through the store or the wire.
        return new Node.ScalarNode(line, VALUES.numberNode(parser.getDoubleValue()));
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Node.ScalarNode(line, VALUES.booleanNode(token == JsonToken.VALUE_TRUE));
      }
      case VALUE_NULL -> {
        return new Node.ScalarNode(line, VALUES.nullNode());
      }
      default -> {
        problems.add(line, path, String.valueOf(parser.getText()), "a mapping, list or scalar");
        return new Node.ScalarNode(line, VALUES.nullNode());
      }
    }
  }

  private static int lineOf(JsonParser parser) {
    JsonLocation location = parser.currentTokenLocation();
    return location == null ? 0 : Math.max(location.getLineNr(), 0);
  }
}
