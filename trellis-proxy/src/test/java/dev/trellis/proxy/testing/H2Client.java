package dev.trellis.proxy.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A Netty HTTP/2 (h2c prior knowledge) client over one connection, for tests. */
public final class H2Client implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel connection;

  public H2Client(InetSocketAddress address) throws InterruptedException {
    connection =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            Http2FrameCodecBuilder.forClient().build(),
                            new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                  }
                })
            .connect(address)
            .sync()
            .channel();
  }

  /** Sends one request and collects the whole response: headers, body, trailers. */
  public Response send(String method, String path, String authority, String body) throws Exception {
    return send(method, path, authority, body, java.util.Map.of());
  }

  /** Sends one request with {@code extraHeaders} added and collects the whole response. */
  public Response send(
      String method, String path, String authority, String body, java.util.Map<String, String> extraHeaders)
      throws Exception {
    CompletableFuture<Response> result = new CompletableFuture<>();
    Http2StreamChannel stream =
        new Http2StreamChannelBootstrap(connection)
            .handler(
                new SimpleChannelInboundHandler<Http2StreamFrame>() {
                  Http2Headers headers;
                  Http2Headers trailers;
                  final StringBuilder data = new StringBuilder();

                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
                    boolean end = false;
                    if (frame instanceof Http2HeadersFrame h) {
                      if (headers == null) {
                        headers = h.headers();
                      } else {
                        trailers = h.headers();
                      }
                      end = h.isEndStream();
                    } else if (frame instanceof Http2DataFrame d) {
                      data.append(d.content().toString(StandardCharsets.UTF_8));
                      end = d.isEndStream();
                    }
                    if (end) {
                      result.complete(new Response(headers, data.toString(), trailers));
                    }
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext ctx) {
                    result.completeExceptionally(new IllegalStateException("stream closed early"));
                  }
                })
            .open()
            .sync()
            .getNow();
    Http2Headers headers =
        new DefaultHttp2Headers().method(method).path(path).scheme("http").authority(authority);
    extraHeaders.forEach(headers::set);
    boolean hasBody = body != null;
    stream.write(new DefaultHttp2HeadersFrame(headers, !hasBody));
    if (hasBody) {
      ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
      stream.write(new DefaultHttp2DataFrame(content, true));
    }
    stream.flush();
    return result.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    connection.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  public record Response(Http2Headers headers, String body, Http2Headers trailers) {}
}
