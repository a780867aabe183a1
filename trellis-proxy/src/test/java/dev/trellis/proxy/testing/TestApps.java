package dev.trellis.proxy.testing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** Small real servers for tests: a TCP echo that honours half-close, a WebSocket echo. */
public final class TestApps {
  private TestApps() {}

  /** Echoes bytes; when the client half-closes, finishes echoing and half-closes too. */
  public static NettyTestServer tcpEcho() throws InterruptedException {
    return new NettyTestServer(
        ch ->
            ch.pipeline()
                .addLast(
                    new ChannelInboundHandlerAdapter() {
                      @Override
                      public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.writeAndFlush(msg);
                      }

                      @Override
                      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof ChannelInputShutdownEvent) {
                          ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                              .addListener(f -> ((DuplexChannel) ctx.channel()).shutdownOutput());
                        }
                      }
                    }));
  }

  /** A WebSocket server at {@code /ws} answering each text frame with {@code echo:<text>}. */
  public static NettyTestServer webSocketEcho() throws InterruptedException {
    return new NettyTestServer(
        ch ->
            ch.pipeline()
                .addLast(
                    new HttpServerCodec(),
                    new HttpObjectAggregator(65536),
                    new WebSocketServerProtocolHandler("/ws"),
                    new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                      @Override
                      protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                        ctx.writeAndFlush(new TextWebSocketFrame("echo:" + frame.text()));
                      }
                    }));
  }
}
