package dev.trellis.config.internal;

import dev.trellis.config.WireValue;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads one value (a field's or a list item's) into a Java value, reporting to {@link Problems}
 * when it does not fit instead of throwing.
 *
 * <p>Each method returns empty (or an empty reader) after reporting, so callers can go on and
 * find the document's other errors; nothing read from a document with errors is ever published.
 * Not thread-safe; one load at a time.
 */
public final class ValueReader {
  private final Problems problems;
  private final String path;
  private final Node node;

  ValueReader(Problems problems, String path, Node node) {
    this.problems = problems;
    this.path = path;
    this.node = node;
  }

  public String path() {
    return path;
  }

  public int line() {
    return node.line();
  }

  public Node node() {
    return node;
  }

  public Problems problems() {
    return problems;
  }

  /** Reports that this value is not what {@code expected} says. */
  public void reject(String expected) {
    if (node instanceof Node.RefusedNode) {
      return; // reported when it was parsed
    }
    problems.add(node.line(), path, node.describe(), expected);
  }

  /** A scalar's text (numbers and booleans as written) when {@code format} accepts it. */
  public Optional<String> string(Format format) {
    if (!(node instanceof Node.ScalarNode scalar) || scalar.isNull()) {
      reject(format.expected());
      return Optional.empty();
    }
    String text = scalar.value().asText();
    if (!format.accepts().test(text)) {
      reject(format.expected());
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** An integer in {@code min..max}; strings such as {@code "80"} are refused. */
  public Optional<Long> integer(long min, long max) {
    String range = max == Long.MAX_VALUE ? ">= " + min : min + ".." + max;
    if (!(node instanceof Node.ScalarNode scalar) || !scalar.value().isIntegralNumber()) {
      reject("an integer " + range);
      return Optional.empty();
    }
    BigInteger value = scalar.value().bigIntegerValue();
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      reject(range);
      return Optional.empty();
    }
    return Optional.of(value.longValue());
  }

  /** An int in {@code min..max}. */
  public Optional<Integer> integer(int min, int max) {
    long upper = max == Integer.MAX_VALUE ? Long.MAX_VALUE : max;
    return integer((long) min, upper).map(Long::intValue);
  }

  /** A number (integer or decimal) strictly greater than {@code exclusiveMin}. */
  public Optional<Double> numberAbove(double exclusiveMin) {
    if (!(node instanceof Node.ScalarNode scalar) || !scalar.value().isNumber()) {
      reject("a number > " + trim(exclusiveMin));
      return Optional.empty();
    }
    double value = scalar.value().doubleValue();
    if (!(value > exclusiveMin) || Double.isInfinite(value)) {
      reject("> " + trim(exclusiveMin));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /** {@code true} or {@code false}. */
  public Optional<Boolean> bool() {
    if (!(node instanceof Node.ScalarNode scalar) || !scalar.value().isBoolean()) {
      reject("true or false");
      return Optional.empty();
    }
    return Optional.of(scalar.value().booleanValue());
  }

  /** A GEP-2257 duration no shorter than {@code min}. */
  public Optional<Duration> duration(Duration min) {
    Optional<String> text = string(new Format(Durations.EXPECTED, s -> true));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> parsed = Durations.parse(text.get());
    if (parsed.isEmpty()) {
      reject(Durations.EXPECTED);
      return Optional.empty();
    }
    if (parsed.get().compareTo(min) < 0) {
      reject(min.isZero() ? Durations.EXPECTED : ">= " + Durations.format(min));
      return Optional.empty();
    }
    return parsed;
  }

  /** One of {@code choices}, matched by {@link WireValue#wireName()} exactly (case matters). */
  public <E extends Enum<E> & WireValue> Optional<E> choice(E[] choices) {
    String expected = "one of "
        + Arrays.stream(choices).map(WireValue::wireName).collect(Collectors.joining(", "));
    Optional<String> text = string(new Format(expected, s -> true));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (E choice : choices) {
      if (choice.wireName().equals(text.get())) {
        return Optional.of(choice);
      }
    }
    reject(expected);
    return Optional.empty();
  }

  /** This value as a mapping; a reader over nothing (after reporting) when it is not one. */
  public FieldReader object() {
    if (node instanceof Node.MapNode map) {
      return new FieldReader(problems, path, map);
    }
    reject("a mapping");
    // Reported once here; the fields it lacks would only repeat it.
    return new FieldReader(new Problems(problems.source()), path,
        new Node.MapNode(node.line(), java.util.Map.of()));
  }
}
