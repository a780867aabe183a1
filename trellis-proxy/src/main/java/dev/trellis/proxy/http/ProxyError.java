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

  public static ProxyError upstreamReset(String what, String where) {
    return new ProxyError(HttpResponseStatus.BAD_GATEWAY, what + " reset before response: " + where);
  }

  private static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
