package dev.trellis.proxy.metrics;

import dev.trellis.proxy.http.ProxyError;

/**
 * The kind of a {@link ProxyError}, as the {@code kind} label says it: the fixed head of its
 * {@code x-trellis-error} reason, before the first colon, in snake case.
 *
 * <pre>
 *   "upstream connect refused: catalog 127.0.0.1:41235"  ->  upstream_connect_refused
 *   "no healthy endpoint: catalog (3 registered, 0 healthy)"  ->  no_healthy_endpoint
 * </pre>
 *
 * <p>Every reason the proxy makes starts with a constant phrase and puts what varies (names,
 * addresses, durations) after the colon, so the kinds are a small closed set.
 */
final class ErrorKinds {
  /** Longer heads are cut: a guard should a reason ever lack its colon. */
  private static final int MAX_LENGTH = 48;

  private ErrorKinds() {}

  static String of(ProxyError error) {
    String reason = error.reason();
    int end = reason.indexOf(':');
    if (end < 0) {
      end = reason.length();
    }
    end = Math.min(end, MAX_LENGTH);
    StringBuilder kind = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char c = reason.charAt(i);
      kind.append(Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : '_');
    }
    return kind.toString();
  }
}
