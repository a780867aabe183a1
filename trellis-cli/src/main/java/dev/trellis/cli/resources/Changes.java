package dev.trellis.cli.resources;

import dev.trellis.api.resources.Change;
import java.util.Locale;

/**
 * How a change is printed: {@code httproute/catalog-split configured}, as kubectl does, with the
 * namespace in parentheses when it is not {@code default}.
 */
final class Changes {
  private Changes() {}

  static String describe(Change change) {
    String namespace = change.namespace() == null || change.namespace().isEmpty()
        || change.namespace().equals("default") ? "" : " (namespace " + change.namespace() + ")";
    return change.kind().toLowerCase(Locale.ROOT) + "/" + change.name() + " " + change.action()
        + namespace;
  }
}
