package dev.trellis.proxy.tcp;

import java.nio.charset.StandardCharsets;

/**
 * The one line a sidecar sends first on a byte tunnel to a peer's inbound listener, naming what
 * the bytes are for: {@code TRELLIS-TUNNEL catalog.default:9000\r\n}. HTTP traffic between
 * sidecars starts with the HTTP/2 connection preface instead, so the inbound side knows what a
 * connection carries from its first bytes, which the connecting side always sends at once: no
 * sniffing with a timeout is ever needed.
 *
 * <p>Opaque TCP and HTTP/1.1 upgrades (WebSocket) ride such tunnels: HTTP/2 cannot carry an
 * HTTP/1.1 upgrade, so the upgrade request travels as raw bytes to the application.
 */
public record TunnelPreface(String authority, int port) {
  /** The fixed start of the line. */
  public static final String MAGIC = "TRELLIS-TUNNEL ";

  /** The longest line accepted, terminator included. */
  public static final int MAX_LENGTH = 300;

  /** The bytes of the preface line. */
  public byte[] encode() {
    return (MAGIC + authority + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The preface in {@code line} (without its terminator), or null when it is not one. */
  public static TunnelPreface parse(String line) {
    if (!line.startsWith(MAGIC)) {
      return null;
    }
    String target = line.substring(MAGIC.length()).trim();
    int colon = target.lastIndexOf(':');
    if (colon <= 0) {
      return null;
    }
    try {
      int port = Integer.parseInt(target.substring(colon + 1));
      return port > 0 && port <= 65535 ? new TunnelPreface(target.substring(0, colon), port) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
