package dev.trellis.config.route;

import dev.trellis.config.WireValue;

/**
 * How a redirect or rewrite changes the request path.
 *
 * @param type  replace the whole path, or only the part the rule's {@code PathPrefix} matched
 * @param value the replacement, starting with "/"
 */
public record PathModifier(Type type, String value) {

  /** The two ways of changing a path. */
  public enum Type implements WireValue {
    REPLACE_FULL_PATH("ReplaceFullPath"),
    REPLACE_PREFIX_MATCH("ReplacePrefixMatch");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String wireName() {
      return wireName;
    }
  }
}
