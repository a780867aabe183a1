package dev.trellis.bench.backend;

import dev.trellis.bench.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The far end of the TCP stream workload: a server that, on every connection it accepts, writes
 * the same 64 KiB block over and over for as long as the connection lives, as fast as the
 * reader takes it (writes are driven by writability, so nothing piles up in memory).
 *
 * <p>Bytes it receives are dropped. One event loop thread; bound to loopback only.
 */
public final class StreamSourceServer implements AutoCloseable {

  static final int BLOCK_BYTES = 64 * 1024;

  private final EventLoopGroup group;
  private final Channel serverChannel;

  private StreamSourceServer(EventLoopGroup group, Channel serverChannel) {
    this.group = group;
    this.serverChannel = serverChannel;
  }

  /**
   * Starts the server on {@code 127.0.0.1:port}; 0 picks a free port.
   *
   * @throws InterruptedException if interrupted while binding
   */
  public static StreamSourceServer start(int port) throws InterruptedException {
    ByteBuf block = Unpooled.unreleasableBuffer(
        Unpooled.directBuffer(BLOCK_BYTES).writeZero(BLOCK_BYTES));
    Transport transport = Transport.best();
    EventLoopGroup group = transport.newGroup(1);
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(transport.serverSocketChannel())
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new Writer(block))
          .bind(new InetSocketAddress("127.0.0.1", port))
          .sync()
          .channel();
      return new StreamSourceServer(group, channel);
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
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
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Keeps one connection's socket buffer full. Shared by all connections: it holds no state. */
  @io.netty.channel.ChannelHandler.Sharable
  private static final class Writer extends ChannelInboundHandlerAdapter {
    private final ByteBuf block;

    Writer(ByteBuf block) {
      this.block = block;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      fill(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      fill(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // the reader went away: the end of a run
    }

    private void fill(ChannelHandlerContext ctx) {
      Channel channel = ctx.channel();
      while (channel.isActive() && channel.isWritable()) {
        channel.write(block.duplicate(), channel.voidPromise());
      }
      channel.flush();
    }
  }
}
