package dev.trellis.bench.load;

import dev.trellis.bench.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The client of the TCP stream workload: opens a fixed number of connections to a source of
 * endless bytes and counts what arrives within a measured window, after a warm-up.
 *
 * <p>All connections live on one event loop thread; {@link #run} blocks the caller until the
 * window has closed, then closes the connections. Not for use from several threads at once.
 */
public final class StreamReader implements AutoCloseable {

  private final Transport transport;
  private final LongSupplier nanoClock;
  private final EventLoopGroup group;
  private final EventLoop loop;

  /** @param nanoClock must agree with the event loop's timer, {@code System::nanoTime} normally */
  public StreamReader(Transport transport, LongSupplier nanoClock) {
    this.transport = transport;
    this.nanoClock = nanoClock;
    this.group = transport.newGroup(1);
    this.loop = group.next();
  }

  /**
   * Reads from {@code host:port} over {@code connections} connections for {@code warmup} and
   * then {@code window}, counting the bytes of the window only.
   *
   * @throws IOException when a connection cannot be opened
   */
  public StreamResult run(String host, int port, int connections, Duration warmup, Duration window,
      WindowListener listener) throws IOException, InterruptedException {
    Counter counter = new Counter();
    List<Channel> channels = new ArrayList<>();
    Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
        .handler(counter);
    try {
      for (int i = 0; i < connections; i++) {
        var future = bootstrap.connect(host, port).await();
        if (!future.isSuccess()) {
          throw new IOException("connection " + i + " to " + host + ":" + port + " failed: "
              + future.cause().getMessage(), future.cause());
        }
        channels.add(future.channel());
      }
      Promise<StreamResult> done = loop.newPromise();
      long opensAt = nanoClock.getAsLong() + warmup.toNanos();
      loop.schedule(() -> {
        counter.counting = true;
        counter.openedAt = nanoClock.getAsLong();
        listener.windowOpened();
      }, warmup.toNanos(), TimeUnit.NANOSECONDS);
      loop.schedule(() -> {
        listener.windowClosed();
        long length = nanoClock.getAsLong() - counter.openedAt;
        counter.counting = false;
        done.trySuccess(new StreamResult(counter.bytes, length, counter.lost));
      }, opensAt + window.toNanos() - nanoClock.getAsLong(), TimeUnit.NANOSECONDS);
      return done.get();
    } catch (ExecutionException e) {
      throw new IOException("the stream run failed", e.getCause());
    } finally {
      channels.forEach(Channel::close);
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Counts bytes on every connection of one run; confined to the run's event loop. */
  @io.netty.channel.ChannelHandler.Sharable
  private static final class Counter extends ChannelInboundHandlerAdapter {
    boolean counting;
    long openedAt;
    long bytes;
    int lost;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (counting && msg instanceof ByteBuf buf) {
        bytes += buf.readableBytes();
      }
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (counting) {
        lost++;
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
