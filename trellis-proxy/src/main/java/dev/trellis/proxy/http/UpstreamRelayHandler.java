package dev.trellis.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Hands what an upstream channel receives (a response as {@link HttpObject}s) to the exchange
 * that uses the channel now. Thin on purpose: the exchange holds the state.
 *
 * <p>Installed once per channel and handed from exchange to exchange ({@link #attach}, {@link
 * #detach}): a pooled HTTP/1.1 connection carries many exchanges, and adding and removing a
 * handler per request cost more than the relay itself. While detached, it drops what comes: a
 * released channel's news is no longer any exchange's business (the pool watches an idle
 * connection itself).
 *
 * <p>Threading: everything runs on the channel's event loop, which is the exchange's.
 */
final class UpstreamRelayHandler extends ChannelInboundHandlerAdapter {
  static final String NAME = "trellis-upstream-relay";

  private HttpExchange exchange;

  private UpstreamRelayHandler() {}

  /**
   * The relay of {@code channel}, now feeding {@code exchange}; installed at the pipeline's end
   * the first time.
   */
  static UpstreamRelayHandler attach(Channel channel, HttpExchange exchange) {
    UpstreamRelayHandler relay = (UpstreamRelayHandler) channel.pipeline().get(NAME);
    if (relay == null) {
      relay = new UpstreamRelayHandler();
      channel.pipeline().addLast(NAME, relay);
    }
    relay.exchange = exchange;
    return relay;
  }

  /** Stops feeding the exchange; the channel may carry another one later. */
  void detach() {
    exchange = null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (exchange != null && msg instanceof HttpObject object) {
      exchange.responsePart(object);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  /**
   * An HTTP/2 stream hears of a reset and of a GOAWAY that leaves it unprocessed as events (the
   * stream closes right after): the exchange decides whether to retry or pass the reset on.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (exchange == null) {
      ReferenceCountUtil.release(evt);
    } else if (evt instanceof Http2ResetFrame reset) {
      exchange.upstreamReset(reset.errorCode(), reset.errorCode() == Http2Error.REFUSED_STREAM.code());
    } else if (evt instanceof Http2GoAwayFrame goAway) {
      // Only streams above the last stream id hear of a GOAWAY: the peer never processed them.
      goAway.release();
      exchange.upstreamReset(Http2Error.REFUSED_STREAM.code(), true);
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.responseReadComplete();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.upstreamWritabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.upstreamClosed();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
