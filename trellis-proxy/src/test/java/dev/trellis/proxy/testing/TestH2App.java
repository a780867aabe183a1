package dev.trellis.proxy.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.nio.charset.StandardCharsets;

/**
 * A real h2c (prior knowledge) application: answers every request with what it saw, and a trailer
 * {@code x-h2-trailer}. Small bodies only (it aggregates: it is a test app, not the proxy).
 */
public final class TestH2App {
  private TestH2App() {}

  public static NettyTestServer start(String name) throws InterruptedException {
    return new NettyTestServer(
        ch ->
            ch.pipeline()
                .addLast(
                    Http2FrameCodecBuilder.forServer().build(),
                    new Http2MultiplexHandler(
                        new ChannelInitializer<Http2StreamChannel>() {
                          @Override
                          protected void initChannel(Http2StreamChannel stream) {
                            stream.pipeline()
                                .addLast(
                                    new Http2StreamFrameToHttpObjectCodec(true),
                                    new HttpObjectAggregator(1 << 20),
                                    new Responder(name));
                          }
                        })));
  }

  private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final String name;

    Responder(String name) {
      this.name = name;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String body =
          "h2app=" + name + " method=" + request.method() + " path=" + request.uri()
              + " bytes=" + request.content().readableBytes()
              + " authority=" + request.headers().get("host");
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set("x-app", name);
      response.trailingHeaders().set("x-h2-trailer", "done-" + name);
      ctx.writeAndFlush(response);
    }
  }
}
