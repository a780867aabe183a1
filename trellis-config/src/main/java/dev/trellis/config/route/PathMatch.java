package dev.trellis.config.route;

/**
 * A request path condition.
 *
 * @param type  how to compare; {@link PathMatchType#PATH_PREFIX} when the document says none
 * @param value starts with "/" for {@code Exact} and {@code PathPrefix}; a regular expression that
 *              compiles for {@code RegularExpression}; "/" when the document says none
 */
public record PathMatch(PathMatchType type, String value) {
  /** What a match with no path, and a rule with no matches, match: every path. */
  public static final PathMatch EVERY_PATH = new PathMatch(PathMatchType.PATH_PREFIX, "/");
}
