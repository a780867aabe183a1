package dev.trellis.proxy.outbound;

import dev.trellis.proxy.http.Http2ServerPipeline;
import dev.trellis.proxy.http.HttpServerBridge;
import dev.trellis.proxy.http.HttpService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Lets the outbound HTTP listener serve both HTTP/1.1 and h2c with prior knowledge (a gRPC app
 * pointing its channel at the proxy): an HTTP/2 client's first bytes are the fixed connection
 * preface, which no HTTP/1.1 request line starts with. The decision waits only for the bytes the
 * client sends at once, never for a timer, and is taken as soon as the bytes diverge from the
 * preface (after two bytes for {@code POST}, after one for {@code GET}).
 *
 * <p>Removes itself once decided, handing the bytes it held to the chosen codec.
 */
final class OutboundProtocolSelector extends ByteToMessageDecoder {
  private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

  private final Supplier<HttpService> chain;
  private final LongSupplier nanoClock;

  OutboundProtocolSelector(Supplier<HttpService> chain, LongSupplier nanoClock) {
    this.chain = chain;
    this.nanoClock = nanoClock;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      ctx.read();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    ctx.read();
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
    boolean agrees = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n);
    if (agrees && n < PREFACE.readableBytes()) {
      return; // not decided yet
    }
    if (agrees) {
      ctx.channel().config().setAutoRead(true); // streams are flow-controlled one by one
      Http2ServerPipeline.install(ctx.pipeline(), () -> new HttpServerBridge(chain, false, null, nanoClock));
    } else {
      OutboundHttpInitializer.install(ctx.channel(), chain, null, nanoClock);
    }
    ctx.pipeline().remove(this);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    super.channelReadComplete(ctx);
    if (!ctx.isRemoved() && !ctx.channel().config().isAutoRead()) {
      ctx.read();
    }
  }
}
