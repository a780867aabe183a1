package dev.trellis.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;

/**
 * Widens an HTTP/2 connection's receive window from the protocol's 64 KiB to {@link #BYTES}, so
 * that many streams multiplexed on one connection are limited by their own stream windows (set in
 * the SETTINGS) rather than by a connection window one stream can fill. Bytes are still only
 * acknowledged as stream channels read them, so memory stays bounded by this window.
 *
 * <p>Goes right after the {@link Http2FrameCodec}; does its job once the connection is active
 * and removes itself.
 */
public final class ConnectionWindow extends ChannelInboundHandlerAdapter {
  /** The connection receive window. */
  public static final int BYTES = 4 << 20;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Http2Exception {
    if (ctx.channel().isActive()) {
      widen(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Http2Exception {
    widen(ctx);
    ctx.fireChannelActive();
  }

  private void widen(ChannelHandlerContext ctx) throws Http2Exception {
    Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
    if (codec != null) {
      Http2Connection connection = codec.connection();
      connection
          .local()
          .flowController()
          .incrementWindowSize(
              connection.connectionStream(), BYTES - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
    }
    ctx.pipeline().remove(this);
  }
}
