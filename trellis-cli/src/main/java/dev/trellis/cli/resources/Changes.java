package dev.trellis.cli.resources;

import dev.trellis.api.resources.Change;
import java.util.Locale;

/** How a change is printed: {@code httproute/catalog-split configured}, as kubectl does. */
final class Changes {
  private Changes() {}

  static String describe(Change change) {
    String namespace = change.namespace() == null || change.namespace().isEmpty()
        || change.namespace().equals("default") ? "" : " -n " + change.namespace();
    return change.kind().toLowerCase(Locale.ROOT) + "/" + change.name() + " " + change.action()
        + namespace;
  }
}
