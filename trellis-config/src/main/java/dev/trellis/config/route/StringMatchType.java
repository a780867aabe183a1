package dev.trellis.config.route;

import dev.trellis.config.WireValue;

/** How a header, query parameter or gRPC method value is compared. */
public enum StringMatchType implements WireValue {
  EXACT("Exact"),
  /** A Java regular expression that must match the whole value. */
  REGULAR_EXPRESSION("RegularExpression");

  private final String wireName;

  StringMatchType(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
