package dev.trellis.proxy.route;

import dev.trellis.config.route.HeaderEdits;
import dev.trellis.config.route.HeaderValue;
import io.netty.handler.codec.http.HttpHeaders;

/** Applies a header modifier's edits: remove, then set (replace), then add (append). */
final class HeaderEditor {
  private HeaderEditor() {}

  static void apply(HeaderEdits edits, HttpHeaders headers) {
    for (String name : edits.remove()) {
      headers.remove(name);
    }
    for (HeaderValue h : edits.set()) {
      headers.set(h.name(), h.value());
    }
    for (HeaderValue h : edits.add()) {
      headers.add(h.name(), h.value());
    }
  }
}
