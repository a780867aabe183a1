package dev.trellis.proxy.http;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.util.function.Supplier;

/**
 * Sets up the server side of an HTTP/2 (h2c prior knowledge) connection: every stream becomes a
 * child channel that speaks {@code HttpObject}s to the handler {@code streamHandler} supplies.
 *
 * <p>The connection itself reads freely (HTTP/2 control frames must flow); each stream channel has
 * auto-read off, and the peer's flow-control window for a stream opens only as that stream is
 * read, which is how a slow upstream slows down exactly one caller's stream.
 */
public final class Http2ServerPipeline {
  /**
   * Shared by every stream (the codec keeps no state of its own). It does not validate header
   * names again: the HTTP/2 codec below has already refused a stream whose names are invalid.
   */
  private static final Http2StreamFrameToHttpObjectCodec STREAM_CODEC =
      new Http2StreamFrameToHttpObjectCodec(true, false);

  private Http2ServerPipeline() {}

  /** Appends the HTTP/2 server codec and stream multiplexer to {@code pipeline}. */
  public static void install(ChannelPipeline pipeline, Supplier<ChannelHandler> streamHandler) {
    pipeline.addLast(
        ConnectionFlushes.newHandler(),
        Http2FrameCodecBuilder.forServer()
            .initialSettings(Http2Settings.defaultSettings().initialWindowSize(1 << 20))
            .build(),
        new ConnectionWindow(),
        new Http2MultiplexHandler(new StreamSetup(streamHandler)));
  }

  /**
   * Sets up each stream channel as it is registered. It stays in the stream's pipeline, seeing no
   * event (it handles none), because a {@code ChannelInitializer} that removes itself costs a
   * handler removal and a concurrent set's add and remove per stream.
   */
  @ChannelHandler.Sharable
  private static final class StreamSetup extends ChannelHandlerAdapter {
    private final Supplier<ChannelHandler> streamHandler;

    StreamSetup(Supplier<ChannelHandler> streamHandler) {
      this.streamHandler = streamHandler;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      ChannelConfig config = ctx.channel().config();
      config.setAutoRead(false);
      config.setRecvByteBufAllocator(StreamReads.INSTANCE);
      ctx.pipeline().addLast(STREAM_CODEC, streamHandler.get());
    }
  }
}
