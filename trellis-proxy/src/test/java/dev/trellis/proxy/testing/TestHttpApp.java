package dev.trellis.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A real HTTP/1.1 application for tests: streams every request body through a CRC (never holding
 * it) and answers with what it saw, one {@code key=value} per line. {@code /chunks/N} answers with
 * N chunks and a trailer; {@code /status/N} answers with status N; {@code /bytes/N} streams N
 * pattern bytes; {@code /hang} never answers.
 */
public final class TestHttpApp implements AutoCloseable {
  private final String name;
  private final EventLoopGroup group;
  private final Channel server;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final List<HttpHeaders> requestHeaders = new CopyOnWriteArrayList<>();

  private TestHttpApp(String name) throws InterruptedException {
    this.name = name;
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    connections.incrementAndGet();
                    open.incrementAndGet();
                    ch.closeFuture().addListener(f -> open.decrementAndGet());
                    ch.pipeline()
                        .addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(), new Handler());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  public static TestHttpApp start(String name) throws InterruptedException {
    return new TestHttpApp(name);
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Connections open now. */
  public int openConnections() {
    return open.get();
  }

  /** The headers of every request received, in order. */
  public List<HttpHeaders> requestHeaders() {
    return requestHeaders;
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Writes {@link Patterns} bytes only while the connection is writable: a well-behaved server. */
  private static final class Download {
    private long remaining;
    private long offset;

    Download(long total) {
      this.remaining = total;
    }

    void pump(ChannelHandlerContext ctx) {
      while (remaining > 0 && ctx.channel().isWritable()) {
        int size = (int) Math.min(64 * 1024, remaining);
        ByteBuf chunk = ctx.alloc().buffer(size);
        Patterns.fill(chunk, offset, size);
        offset += size;
        remaining -= size;
        if (remaining == 0) {
          ctx.writeAndFlush(new DefaultLastHttpContent(chunk));
        } else {
          ctx.writeAndFlush(new DefaultHttpContent(chunk));
        }
      }
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<HttpObject> {
    private HttpRequest request;
    private final CRC32 crc = new CRC32();
    private long bytes;
    private Download download;

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (download != null) {
        download.pump(ctx);
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpRequest r) {
        request = r;
        requestHeaders.add(r.headers().copy());
        crc.reset();
        bytes = 0;
      }
      if (msg instanceof HttpContent content) {
        ByteBuf data = content.content();
        bytes += data.readableBytes();
        crc.update(data.nioBuffer());
      }
      if (msg instanceof LastHttpContent last) {
        respond(ctx, last.trailingHeaders());
      }
    }

    private void respond(ChannelHandlerContext ctx, HttpHeaders requestTrailers) {
      String uri = request.uri();
      if (uri.startsWith("/hang")) {
        return; // never answers: for timeouts
      }
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (uri.startsWith("/chunks/")) {
        int n = Integer.parseInt(uri.substring("/chunks/".length()));
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(head, true);
        HttpUtil.setKeepAlive(head, keepAlive);
        ctx.write(head);
        for (int i = 0; i < n; i++) {
          ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("chunk-" + i + "\n", StandardCharsets.UTF_8)));
        }
        LastHttpContent last = new DefaultLastHttpContent();
        last.trailingHeaders().set("x-app-trailer", name);
        ctx.writeAndFlush(last);
        return;
      }
      if (uri.startsWith("/bytes/")) {
        long n = Long.parseLong(uri.substring("/bytes/".length()));
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setContentLength(head, n);
        ctx.writeAndFlush(head);
        download = new Download(n);
        download.pump(ctx);
        return;
      }
      HttpResponseStatus status = HttpResponseStatus.OK;
      if (uri.startsWith("/status/")) {
        status = HttpResponseStatus.valueOf(Integer.parseInt(uri.substring("/status/".length())));
      }
      String body =
          "app=" + name + "\n"
              + "method=" + request.method() + "\n"
              + "uri=" + uri + "\n"
              + "host=" + request.headers().get(HttpHeaderNames.HOST) + "\n"
              + "bytes=" + bytes + "\n"
              + "crc=" + crc.getValue() + "\n"
              + "x-test=" + request.headers().get("x-test") + "\n"
              + "trailer=" + requestTrailers.get("x-client-trailer") + "\n";
      if (status.code() == 204 || status.code() == 304) {
        body = ""; // these statuses carry no body
      }
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set("x-app", name);
      HttpUtil.setContentLength(response, response.content().readableBytes());
      HttpUtil.setKeepAlive(response, keepAlive);
      ctx.writeAndFlush(response);
    }
  }
}
