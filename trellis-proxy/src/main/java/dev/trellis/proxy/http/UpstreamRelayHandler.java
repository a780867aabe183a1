package dev.trellis.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Hands what an upstream channel receives (a response as {@link HttpObject}s) to the exchange
 * that owns the channel. Thin on purpose: the exchange holds the state.
 *
 * <p>Threading: everything runs on the channel's event loop, which is the exchange's.
 */
final class UpstreamRelayHandler extends ChannelInboundHandlerAdapter {
  static final String NAME = "trellis-upstream-relay";

  private final HttpExchange exchange;

  UpstreamRelayHandler(HttpExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpObject object) {
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
    if (evt instanceof Http2ResetFrame reset) {
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
    exchange.responseReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    exchange.upstreamWritabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    exchange.upstreamClosed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
