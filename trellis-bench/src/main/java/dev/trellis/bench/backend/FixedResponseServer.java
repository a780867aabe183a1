package dev.trellis.bench.backend;

import dev.trellis.bench.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The backend every benchmark row sends to: an HTTP/1.1 server that answers any request with
 * {@code 200} and the same body of a fixed size, keeping connections alive.
 *
 * <p>One event loop thread, so its CPU cost is the same small, steady amount in every row.
 * Bound to loopback only. {@link #close} stops it and waits for its thread.
 *
 * <pre>{@code
 * try (FixedResponseServer backend = FixedResponseServer.start(0, 1024)) {
 *   int port = backend.port();
 * }
 * }</pre>
 */
public final class FixedResponseServer implements AutoCloseable {

  private final EventLoopGroup group;
  private final Channel serverChannel;

  private FixedResponseServer(EventLoopGroup group, Channel serverChannel) {
    this.group = group;
    this.serverChannel = serverChannel;
  }

  /**
   * Starts the server on {@code 127.0.0.1:port}.
   *
   * @param port      0 picks a free port
   * @param bodyBytes size of every response body; 0 or more
   * @throws InterruptedException if interrupted while binding
   */
  public static FixedResponseServer start(int port, int bodyBytes) throws InterruptedException {
    if (bodyBytes < 0) {
      throw new IllegalArgumentException("bodyBytes: " + bodyBytes + " (expected: >= 0)");
    }
    byte[] filler = new byte[bodyBytes];
    Arrays.fill(filler, (byte) 'x');
    ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.directBuffer(bodyBytes).writeBytes(filler));
    Transport transport = Transport.best();
    EventLoopGroup group = transport.newGroup(1);
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(transport.serverSocketChannel())
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline().addLast(new HttpServerCodec(), new FixedResponseHandler(body));
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", port))
          .sync()
          .channel();
      return new FixedResponseServer(group, channel);
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The port it listens on. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
