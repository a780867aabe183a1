package dev.trellis.proxy.http;

import io.netty.channel.Channel;

/**
 * The downstream side of an exchange (the bridge handler of an HTTP/1.1 connection or of an
 * HTTP/2 stream), told when the exchange is over. Called on the downstream event loop.
 */
interface ExchangeOwner {
  /**
   * The exchange ended. {@code keepConnection} is false when the downstream connection (or stream)
   * cannot carry anything more and must be closed once the response is flushed.
   */
  void exchangeFinished(HttpExchange exchange, boolean keepConnection);

  /**
   * The request was an HTTP/1.1 upgrade and {@code tunnel} now carries its bytes: stop speaking
   * HTTP on the downstream connection and relay raw bytes both ways.
   */
  void switchToTunnel(HttpExchange exchange, Channel tunnel);
}
