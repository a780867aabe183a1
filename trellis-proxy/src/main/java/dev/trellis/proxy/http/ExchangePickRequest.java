package dev.trellis.proxy.http;

import dev.trellis.proxy.balance.PickRequest;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetSocketAddress;

/**
 * What a balancer may see of a request: its headers, its cookies (parsed only when asked) and the
 * caller's address. A view, not a copy; valid while the exchange runs, on its event loop.
 */
final class ExchangePickRequest implements PickRequest {
  private final HttpRequest request;
  private final Channel downstream;

  ExchangePickRequest(HttpRequest request, Channel downstream) {
    this.request = request;
    this.downstream = downstream;
  }

  @Override
  public String header(String lowerCaseName) {
    return request.headers().get(lowerCaseName);
  }

  @Override
  public String cookie(String name) {
    String header = request.headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return null;
    }
    for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
      if (cookie.name().equals(name)) {
        return cookie.value();
      }
    }
    return null;
  }

  @Override
  public String sourceAddress() {
    return downstream.remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : null;
  }
}
