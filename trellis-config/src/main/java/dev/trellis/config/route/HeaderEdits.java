package dev.trellis.config.route;

import java.util.List;

/**
 * What a header modifier does, applied in this order: remove, set (replace), add (append).
 *
 * @param set    headers to replace or create
 * @param add    headers to append to any existing values
 * @param remove header names to drop
 */
public record HeaderEdits(List<HeaderValue> set, List<HeaderValue> add, List<String> remove) {
  public HeaderEdits {
    set = List.copyOf(set);
    add = List.copyOf(add);
    remove = List.copyOf(remove);
  }
}
