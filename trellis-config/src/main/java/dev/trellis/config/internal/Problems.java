package dev.trellis.config.internal;

import dev.trellis.config.ConfigError;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors found in one configuration text, so that a user sees all of them at once.
 *
 * <p>Not thread-safe: one instance belongs to one load.
 */
public final class Problems {
  private final String source;
  private final List<ConfigError> errors = new ArrayList<>();

  public Problems(String source) {
    this.source = source;
  }

  public String source() {
    return source;
  }

  /** Records one error; {@code value} is empty when the field is missing. */
  public void add(int line, String path, String value, String expected) {
    errors.add(new ConfigError(source, line, path, value, expected));
  }

  public int count() {
    return errors.size();
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The errors in line order (a stable sort: errors on one line stay in the order found). */
  public List<ConfigError> errors() {
    return errors.stream().sorted(java.util.Comparator.comparingInt(ConfigError::line)).toList();
  }
}
