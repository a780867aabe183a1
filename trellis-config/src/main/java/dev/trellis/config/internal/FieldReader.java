package dev.trellis.config.internal;

import dev.trellis.config.WireValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one mapping, tracking the field path for errors and which fields were
 * asked for, so that {@link #finish()} can report every field nobody reads as unknown.
 *
 * <p>Errors go to {@link Problems}; every method returns a usable value (empty, a default or an
 * empty reader) after reporting, so one pass finds every error of a document. Typical use:
 * <pre>{@code
 * FieldReader port = ports.get(0);
 * String name = port.requiredString("name", Format.DNS_LABEL);
 * int number = port.requiredInt("port", 1, 65535).orElse(0);
 * port.finish();
 * }</pre>
 * Not thread-safe; one load at a time.
 */
public final class FieldReader {
  private final Problems problems;
  private final String path;
  private final Node.MapNode node;
  private final Set<String> known = new LinkedHashSet<>();

  FieldReader(Problems problems, String path, Node.MapNode node) {
    this.problems = problems;
    this.path = path;
    this.node = node;
  }

  /** A reader over a document's root mapping. */
  public static FieldReader root(Problems problems, Node.MapNode node) {
    return new FieldReader(problems, "", node);
  }

  public String path() {
    return path;
  }

  public int line() {
    return node.line();
  }

  public Problems problems() {
    return problems;
  }

  /** The path of field {@code name} of this mapping, e.g. {@code spec.rules[0].name}. */
  public String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** True when the mapping has {@code name} with a non-null value; marks it known. */
  public boolean has(String name) {
    known.add(name);
    Node value = node.fields().get(name);
    return value != null && !(value instanceof Node.ScalarNode s && s.isNull());
  }

  /** Marks fields as understood without reading them (read-only or ignored fields). */
  public void ignore(String... names) {
    known.addAll(List.of(names));
  }

  /** The value of {@code name}, empty when absent or null. */
  public Optional<ValueReader> value(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    return Optional.of(new ValueReader(problems, pathOf(name), node.fields().get(name)));
  }

  /** The line of field {@code name}, or of this mapping when it is absent. */
  public int lineOf(String name) {
    Node value = node.fields().get(name);
    return value == null ? node.line() : value.line();
  }

  /** Reports an error about field {@code name} (present or not) of this mapping. */
  public void reject(String name, String value, String expected) {
    problems.add(lineOf(name), pathOf(name), value, expected);
  }

  /** Reports an error about this mapping as a whole. */
  public void rejectHere(String value, String expected) {
    problems.add(node.line(), path, value, expected);
  }

  private <T> Optional<T> required(String name, String expected,
      Function<ValueReader, Optional<T>> read) {
    Optional<ValueReader> value = value(name);
    if (value.isEmpty()) {
      reject(name, "", expected);
      return Optional.empty();
    }
    return read.apply(value.get());
  }

  public String requiredString(String name, Format format) {
    return required(name, format.expected(), v -> v.string(format)).orElse("");
  }

  public Optional<String> optionalString(String name, Format format) {
    return value(name).flatMap(v -> v.string(format));
  }

  public String optionalString(String name, Format format, String fallback) {
    return optionalString(name, format).orElse(fallback);
  }

  public Optional<Integer> requiredInt(String name, int min, int max) {
    return required(name, "an integer " + min + ".." + max, v -> v.integer(min, max));
  }

  public Optional<Integer> optionalInt(String name, int min, int max) {
    return value(name).flatMap(v -> v.integer(min, max));
  }

  public int optionalInt(String name, int min, int max, int fallback) {
    return optionalInt(name, min, max).orElse(fallback);
  }

  public boolean optionalBoolean(String name, boolean fallback) {
    return value(name).flatMap(ValueReader::bool).orElse(fallback);
  }

  public Optional<Duration> optionalDuration(String name, Duration min) {
    return value(name).flatMap(v -> v.duration(min));
  }

  public Duration optionalDuration(String name, Duration min, Duration fallback) {
    return optionalDuration(name, min).orElse(fallback);
  }

  public <E extends Enum<E> & WireValue> Optional<E> optionalChoice(
      String name, E[] choices) {
    return value(name).flatMap(v -> v.choice(choices));
  }

  public <E extends Enum<E> & WireValue> E optionalChoice(
      String name, E fallback, E[] choices) {
    return value(name).flatMap(v -> v.choice(choices)).orElse(fallback);
  }

  public <E extends Enum<E> & WireValue> Optional<E> requiredChoice(
      String name, E[] choices) {
    String expected = "one of " + String.join(", ",
        java.util.Arrays.stream(choices).map(WireValue::wireName).toList());
    return required(name, expected, v -> v.choice(choices));
  }

  /** The mapping under {@code name}, empty when absent. */
  public Optional<FieldReader> optionalObject(String name) {
    return value(name).map(ValueReader::object);
  }

  /** The mapping under {@code name}; reports it missing and returns an empty reader if absent. */
  public FieldReader requiredObject(String name) {
    Optional<FieldReader> object = optionalObject(name);
    if (object.isEmpty()) {
      reject(name, "", "a mapping");
      // The missing mapping is the one error; its missing fields would only repeat it.
      return new FieldReader(new Problems(problems.source()), pathOf(name),
          new Node.MapNode(node.line(), Map.of()));
    }
    return object.get();
  }

  /**
   * The items of the list under {@code name} (none when absent), reporting a list with fewer
   * than {@code min} or more than {@code max} items (the extra items are not read).
   */
  public List<ValueReader> list(String name, int min, int max) {
    Optional<ValueReader> value = value(name);
    if (value.isEmpty()) {
      if (min > 0) {
        reject(name, "", "a list of " + min + ".." + max + " items");
      }
      return List.of();
    }
    if (!(value.get().node() instanceof Node.ListNode list)) {
      value.get().reject("a list");
      return List.of();
    }
    if (list.items().size() < min || list.items().size() > max) {
      problems.add(list.line(), pathOf(name), list.items().size() + " items",
          "a list of " + min + ".." + max + " items");
      if (list.items().size() > max) {
        return List.of();
      }
    }
    List<ValueReader> items = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      items.add(new ValueReader(problems, pathOf(name) + "[" + i + "]", list.items().get(i)));
    }
    return items;
  }

  /** The mappings in the list under {@code name}. */
  public List<FieldReader> objectList(String name, int min, int max) {
    return list(name, min, max).stream().map(ValueReader::object).toList();
  }

  /** The strings in the list under {@code name}; invalid items are reported and left out. */
  public List<String> stringList(String name, int max, Format format) {
    List<String> strings = new ArrayList<>();
    for (ValueReader item : list(name, 0, max)) {
      item.string(format).ifPresent(strings::add);
    }
    return strings;
  }

  /** A mapping of strings to strings, such as labels; empty when absent. */
  public Map<String, String> stringMap(String name, Format keys, Format values) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<FieldReader> object = optionalObject(name);
    if (object.isEmpty()) {
      return out;
    }
    FieldReader map = object.get();
    for (Map.Entry<String, Node> entry : map.node.fields().entrySet()) {
      map.known.add(entry.getKey());
      ValueReader value = new ValueReader(problems, map.pathOf(entry.getKey()), entry.getValue());
      if (!keys.accepts().test(entry.getKey())) {
        problems.add(entry.getValue().line(), map.pathOf(entry.getKey()), entry.getKey(),
            "a key that is " + keys.expected());
        continue;
      }
      value.string(values).ifPresent(v -> out.put(entry.getKey(), v));
    }
    return out;
  }

  /** Reports every field of this mapping that no method asked about. */
  public void finish() {
    for (Map.Entry<String, Node> field : node.fields().entrySet()) {
      if (!known.contains(field.getKey())) {
        problems.add(field.getValue().line(), pathOf(field.getKey()), "unknown field",
            known.isEmpty() ? "no fields here" : "one of " + String.join(", ", known));
      }
    }
  }
}
