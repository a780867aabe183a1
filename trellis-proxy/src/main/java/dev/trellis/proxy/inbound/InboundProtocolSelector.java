package dev.trellis.proxy.inbound;

import dev.trellis.proxy.tcp.TunnelPreface;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decides what an inbound connection from a peer sidecar carries from the bytes the peer always
 * sends first: the HTTP/2 connection preface (HTTP traffic, multiplexed) or a {@link
 * TunnelPreface} line (opaque TCP or an HTTP/1.1 upgrade). Both are declared by the sender, so
 * there is no waiting and no guessing; anything else is refused and the connection closed.
 *
 * <p>Removes itself once decided; the bytes it held go on to the handlers it installed (the
 * HTTP/2 preface is not consumed, the tunnel line is).
 */
final class InboundProtocolSelector extends ByteToMessageDecoder {
  private static final ByteBuf H2_PREFACE = Http2CodecUtil.connectionPrefaceBuf();
  private static final byte[] TUNNEL_MAGIC = TunnelPreface.MAGIC.getBytes(StandardCharsets.US_ASCII);

  /** What to do once the selector knows. Called on the channel's event loop. */
  interface Choice {
    void http2(ChannelHandlerContext ctx);

    void tunnel(ChannelHandlerContext ctx, TunnelPreface preface);
  }

  private final Choice choice;

  InboundProtocolSelector(Choice choice) {
    this.choice = choice;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (startsWith(in, H2_PREFACE)) {
      // The two prefaces differ in their first byte; the HTTP/2 codec checks the rest.
      choice.http2(ctx);
      ctx.pipeline().remove(this);
      return;
    }
    if (startsWith(in, Unpooled.wrappedBuffer(TUNNEL_MAGIC))) {
      int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
      if (end < 0) {
        if (in.readableBytes() > TunnelPreface.MAX_LENGTH) {
          refuse(ctx, in);
        }
        return;
      }
      String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
      TunnelPreface preface = TunnelPreface.parse(line.strip());
      if (preface == null) {
        refuse(ctx, in);
        return;
      }
      in.readerIndex(end + 1);
      choice.tunnel(ctx, preface);
      ctx.pipeline().remove(this);
      return;
    }
    refuse(ctx, in);
  }

  /** True while what arrived so far agrees with {@code prefix} (possibly only partly there). */
  private static boolean startsWith(ByteBuf in, ByteBuf prefix) {
    int n = Math.min(in.readableBytes(), prefix.readableBytes());
    return ByteBufUtil.equals(in, in.readerIndex(), prefix, prefix.readerIndex(), n)
        && (n == prefix.readableBytes() || n == in.readableBytes());
  }

  private static void refuse(ChannelHandlerContext ctx, ByteBuf in) {
    in.skipBytes(in.readableBytes());
    ctx.writeAndFlush(
            Unpooled.copiedBuffer(
                "HTTP/1.1 400 Bad Request\r\nx-trellis-error: malformed request: inbound expects"
                    + " HTTP/2 or a tunnel preface\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                StandardCharsets.US_ASCII))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
