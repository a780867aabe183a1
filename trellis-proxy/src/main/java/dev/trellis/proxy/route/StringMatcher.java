package dev.trellis.proxy.route;

import dev.trellis.config.route.StringMatchType;
import java.util.regex.Pattern;

/**
 * One compiled value condition: exact equality or a regular expression over the whole value.
 * Immutable and thread-safe.
 */
record StringMatcher(String exact, Pattern pattern) {
  static StringMatcher of(StringMatchType type, String value) {
    return type == StringMatchType.REGULAR_EXPRESSION
        ? new StringMatcher(null, Pattern.compile(value))
        : new StringMatcher(value, null);
  }

  /** False for a null value (the header or parameter is absent). */
  boolean matches(String value) {
    if (value == null) {
      return false;
    }
    return exact != null ? exact.equals(value) : pattern.matcher(value).matches();
  }
}
