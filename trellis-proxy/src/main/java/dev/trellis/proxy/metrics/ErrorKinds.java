package dev.trellis.proxy.metrics;

/**
 * The kind of a {@link dev.trellis.proxy.http.ProxyError}, as the {@code kind} label says it: the
 * fixed head of its {@code x-trellis-error} reason, before the first colon, in snake case.
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

  /** The fixed head of {@code reason}: the text before its first colon (at most 48 characters). */
  static String head(String reason) {
    return reason.substring(0, headLength(reason));
  }

  /**
   * True when {@code reason} starts with {@code head} and its head ends there; compares in place,
   * so that finding the series of an error seen before allocates nothing.
   */
  static boolean hasHead(String reason, String head) {
    return headLength(reason) == head.length() && reason.startsWith(head);
  }

  /** The label value for a head: lower case, anything but letters and digits made {@code _}. */
  static String kindOf(String head) {
    StringBuilder kind = new StringBuilder(head.length());
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      kind.append(Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : '_');
    }
    return kind.toString();
  }

  private static int headLength(String reason) {
    int end = reason.indexOf(':');
    return Math.min(end < 0 ? reason.length() : end, MAX_LENGTH);
  }
}
