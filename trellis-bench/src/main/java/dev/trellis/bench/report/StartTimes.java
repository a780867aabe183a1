package dev.trellis.bench.report;

import java.util.List;

/**
 * How long a proxy took to start, over a few fresh starts: to its ready line, and to the first
 * request answered through it.
 *
 * @param readyMs        per start, milliseconds from starting the process to its ready line
 * @param firstAnswerMs  per start, milliseconds from starting the process to the first good
 *                       answer through it; empty when not probed
 * @param targetMs       the target for start to ready; null when there is none
 */
public record StartTimes(List<Double> readyMs, List<Double> firstAnswerMs, Double targetMs) {

  public StartTimes {
    readyMs = List.copyOf(readyMs);
    firstAnswerMs = firstAnswerMs == null ? List.of() : List.copyOf(firstAnswerMs);
  }

  /** The median of {@code values} (the mean of the middle two for an even count); null when empty. */
  public static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** The largest of {@code values}; null when empty. */
  public static Double max(List<Double> values) {
    return values.stream().max(Double::compare).orElse(null);
  }
}
