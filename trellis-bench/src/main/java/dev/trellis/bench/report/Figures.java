package dev.trellis.bench.report;

import java.util.Locale;

/** How the report prints numbers: few digits, a dash for what is unknown. */
final class Figures {

  static final String NONE = "—";

  private Figures() {}

  /** Microseconds, whole. */
  static String micros(Double value) {
    return value == null ? NONE : String.format(Locale.ROOT, "%.0f", value);
  }

  /** A latency added over another, signed, whole microseconds. */
  static String added(Double value, Double base) {
    return value == null || base == null ? NONE : String.format(Locale.ROOT, "%+.0f", value - base);
  }

  /** Requests per second, whole. */
  static String rps(Double value) {
    return value == null ? NONE : String.format(Locale.ROOT, "%.0f", value);
  }

  /** CPU seconds, three decimals. */
  static String cpu(Double value) {
    return value == null ? NONE : String.format(Locale.ROOT, "%.3f", value);
  }

  /** KiB as MiB, one decimal. */
  static String mib(long kib) {
    return String.format(Locale.ROOT, "%.1f", kib / 1024.0);
  }

  /** {@code numerator / denominator} as {@code 1.23x}; a dash when either is unknown or zero. */
  static String ratio(Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%.2fx", numerator / denominator);
  }
}
