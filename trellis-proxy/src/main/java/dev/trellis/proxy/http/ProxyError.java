package dev.trellis.proxy.http;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A request the proxy itself could not serve: the status to answer with and the reason that goes
 * into {@code x-trellis-error}, naming what failed and where.
 */
public record ProxyError(HttpResponseStatus status, String reason) {
  /** The response header that carries {@link #reason()}. */
  public static final String HEADER = "x-trellis-error";

  public static ProxyError malformed(String detail) {
    return new ProxyError(HttpResponseStatus.BAD_REQUEST, "malformed request: " + detail);
  }

  public static ProxyError unknownService(String name) {
    return new ProxyError(HttpResponseStatus.NOT_FOUND, "unknown service: " + name);
  }

  public static ProxyError noHttpPort(String service) {
    return new ProxyError(HttpResponseStatus.NOT_FOUND, "no http port: " + service);
  }

  /** A peer asked this sidecar for a service it does not serve (421: the caller routed wrongly). */
  public static ProxyError misdirected(String host, String localService) {
    return new ProxyError(
        HttpResponseStatus.MISDIRECTED_REQUEST,
        "misdirected request: " + printable(host) + " is not served here (this sidecar serves " + localService + ")");
  }

  /** A peer asked for a local port the service does not declare. */
  public static ProxyError portNotServed(String service, int port) {
    return new ProxyError(
        HttpResponseStatus.FORBIDDEN, "port not served: " + service + " declares no port " + port);
  }

  public static ProxyError noHealthyEndpoint(String service, int registered, int routable) {
    return new ProxyError(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        "no healthy endpoint: " + service + " (" + registered + " registered, " + routable + " healthy)");
  }

  /**
   * The error for a failed connection attempt to {@code address} on behalf of {@code what}
   * ("upstream" or "local app"): 504 for a timeout, 502 otherwise.
   */
  public static ProxyError connectFailed(
      String what, String service, InetSocketAddress address, Duration timeout, Throwable cause) {
    String where = service + " " + address.getHostString() + ":" + address.getPort();
    if (cause instanceof ConnectTimeoutException) {
      return new ProxyError(
          HttpResponseStatus.GATEWAY_TIMEOUT,
          what + " connect timeout: " + where + " after " + describe(timeout));
    }
    if (cause instanceof ConnectException) {
      return new ProxyError(HttpResponseStatus.BAD_GATEWAY, what + " connect refused: " + where);
    }
    return new ProxyError(
        HttpResponseStatus.BAD_GATEWAY, what + " connect failed: " + where + ": " + cause);
  }

  public static ProxyError requestTimeout(String where, Duration timeout) {
    return new ProxyError(
        HttpResponseStatus.GATEWAY_TIMEOUT, "request timeout: " + where + " after " + describe(timeout));
  }

  /** The upstream answered something that is not a well-framed HTTP response. */
  public static ProxyError malformedResponse(String where, String detail) {
    return new ProxyError(
        HttpResponseStatus.BAD_GATEWAY, "malformed response: " + where + ": " + printable(detail));
  }

  public static ProxyError upstreamReset(String what, String where) {
    return new ProxyError(HttpResponseStatus.BAD_GATEWAY, what + " reset before response: " + where);
  }

  /** {@code text} with anything but printable ASCII replaced, so it can travel in a header. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 256));
    for (int i = 0; i < text.length() && i < 256; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  private static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
