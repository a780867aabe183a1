package dev.trellis.testkit.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text-format scrape, for tests to ask "how many requests with these
 * labels". Comments ({@code # HELP}, {@code # TYPE}) are skipped; label values are unescaped.
 *
 * <pre>{@code
 * PrometheusText scrape = PrometheusText.parse(body);
 * double ok = scrape.sum("trellis_requests_total", Map.of("service", "catalog", "status_code", "200"));
 * }</pre>
 */
public final class PrometheusText {
  /** One sample line: {@code name{label="value",...} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  /** Parses a whole scrape; a malformed line fails with the line in the message. */
  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      try {
        samples.add(sample(line));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not a sample line: " + line, e);
      }
    }
    return new PrometheusText(samples);
  }

  /** Every sample. */
  public List<Sample> samples() {
    return samples;
  }

  /** The samples named {@code name} whose labels include every one of {@code labels}. */
  public List<Sample> find(String name, Map<String, String> labels) {
    List<Sample> found = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet())) {
        found.add(sample);
      }
    }
    return found;
  }

  /** The sum of the values of {@link #find}: 0 when nothing matches. */
  public double sum(String name, Map<String, String> labels) {
    double total = 0;
    for (Sample sample : find(name, labels)) {
      total += sample.value();
    }
    return total;
  }

  /** {@code labels} plus the name/value pairs of {@code more}: {@code with(service, "le", "5.0")}. */
  public static Map<String, String> with(Map<String, String> labels, String... more) {
    if (more.length % 2 != 0) {
      throw new IllegalArgumentException("name/value pairs expected, got " + more.length + " strings");
    }
    Map<String, String> all = new LinkedHashMap<>(labels);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return all;
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      rest = labels(line, brace + 1, labels);
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] tail = line.substring(rest).trim().split("\\s+"); // value, then an optional timestamp
    return new Sample(name, labels, Double.parseDouble(tail[0]));
  }

  /** Reads {@code a="x",b="y"}} from {@code from}; returns the index after the closing brace. */
  private static int labels(String line, int from, Map<String, String> into) {
    int i = from;
    while (line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String label = line.substring(i, eq).trim();
      i = eq + 2; // past ="
      StringBuilder value = new StringBuilder();
      for (char c; (c = line.charAt(i)) != '"'; i++) {
        if (c == '\\') {
          char next = line.charAt(++i);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      into.put(label, value.toString());
      i++; // past the closing quote
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    return i + 1;
  }
}
