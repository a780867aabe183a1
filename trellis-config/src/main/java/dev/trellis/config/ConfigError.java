package dev.trellis.config;

/**
 * One thing wrong with a configuration document, located precisely enough to fix it.
 *
 * <p>{@link #toString()} is the one format every configuration error in Trellis is shown in:
 * <pre>{@code routes.yaml:14: spec.rules[0].backendRefs[1].weight: -3 (expected: 0..1000000)}</pre>
 *
 * @param source   the file (or other origin) the document came from, as the user named it
 * @param line     1-based line of the offending node, or 0 when no line is known
 * @param path     the field path from the document root, e.g. {@code spec.rules[0].matches}
 * @param value    the offending value as written, or empty when the field is missing
 * @param expected what would have been accepted, in words a user understands
 */
public record ConfigError(String source, int line, String path, String value, String expected) {

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(source);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ").append(path.isEmpty() ? "(document)" : path).append(": ");
    out.append(value.isEmpty() ? "missing" : value);
    return out.append(" (expected: ").append(expected).append(')').toString();
  }
}
