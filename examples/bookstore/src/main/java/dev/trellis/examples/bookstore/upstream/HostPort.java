package dev.trellis.examples.bookstore.upstream;

import java.net.InetSocketAddress;

/**
 * A {@code host:port} pair as written in a flag or an environment variable.
 *
 * <p>Immutable. The host is kept as written (no lookup happens here).
 */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1..65535");
    }
  }

  /**
   * Parses {@code host:port}, also accepting the {@code http://host:port/} form that
   * {@code HTTP_PROXY} values often take.
   *
   * @param where what held the value, named in the error (e.g. {@code TRELLIS_UPSTREAM_CATALOG})
   * @throws IllegalArgumentException {@code where: value (expected: HOST:PORT ...)}
   */
  public static HostPort parse(String where, String value) {
    String text = value.strip();
    if (text.startsWith("http://")) {
      text = text.substring("http://".length());
    }
    if (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    int colon = text.lastIndexOf(':');
    if (colon > 0 && colon < text.length() - 1) {
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port >= 1 && port <= 65535) {
          return new HostPort(text.substring(0, colon), port);
        }
      } catch (NumberFormatException notANumber) {
        // fall through to the error below, which says what was expected
      }
    }
    throw new IllegalArgumentException(
        where + ": " + value + " (expected: HOST:PORT with a port in 1..65535)");
  }

  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
