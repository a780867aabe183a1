package dev.trellis.config.route;

import dev.trellis.config.WireValue;

/** How a request path is compared with a {@link PathMatch#value()}. */
public enum PathMatchType implements WireValue {
  EXACT("Exact"),
  /** Matches whole path segments: {@code /api} matches {@code /api} and {@code /api/x}, not {@code /apix}. */
  PATH_PREFIX("PathPrefix"),
  /** A Java regular expression that must match the whole path. */
  REGULAR_EXPRESSION("RegularExpression");

  private final String wireName;

  PathMatchType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
