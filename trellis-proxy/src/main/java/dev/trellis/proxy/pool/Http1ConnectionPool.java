package dev.trellis.proxy.pool;

import dev.trellis.proxy.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP/1.1 connections to one address (the local application), owned by one event
 * loop: one request at a time per connection, idle connections reused most-recent-first and
 * closed after the idle timeout.
 *
 * <p>Connections come out with an {@link HttpClientCodec} and auto-read off. While idle in the
 * pool a connection reads with a watcher that closes it on anything unexpected (the server
 * closing it, stray bytes), so a dead connection is never handed out twice.
 *
 * <p>Threading: every method must be called on {@link #eventLoop()}.
 */
public final class Http1ConnectionPool {
  private static final String IDLE_WATCHER = "trellis-idle-watcher";
  private static final AttributeKey<ScheduledFuture<?>> EXPIRY = AttributeKey.valueOf("trellis-pool-expiry");

  private final EventLoop eventLoop;
  private final InetSocketAddress address;
  private final PoolSettings settings;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();

  Http1ConnectionPool(EventLoop eventLoop, InetSocketAddress address, PoolSettings settings) {
    this.eventLoop = eventLoop;
    this.address = address;
    this.settings = settings;
  }

  public EventLoop eventLoop() {
    return eventLoop;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** Idle connections waiting for a request. */
  public int idleCount() {
    return idle.size();
  }

  /** A connection for one exchange: an idle one, or a new one. */
  public Future<Channel> acquire() {
    for (Channel channel; (channel = idle.pollFirst()) != null; ) {
      if (channel.isActive()) {
        cancelExpiry(channel);
        channel.pipeline().remove(IDLE_WATCHER);
        channel.config().setAutoRead(false);
        return eventLoop.newSucceededFuture(channel);
      }
    }
    Promise<Channel> promise = eventLoop.newPromise();
    new Bootstrap()
        .group(eventLoop)
        .channel(Transport.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.AUTO_READ, false)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec());
                // One listener for the connection's life, however often it is reused.
                ch.closeFuture().addListener(f -> forget(ch));
              }
            })
        .connect(address)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                promise.setSuccess(((io.netty.channel.ChannelFuture) f).channel());
              } else {
                promise.setFailure(f.cause());
              }
            });
    return promise;
  }

  /** Gives {@code channel} back after an exchange; closes it unless {@code reusable}. */
  public void release(Channel channel, boolean reusable) {
    if (!reusable || !channel.isActive()) {
      channel.close();
      return;
    }
    channel.pipeline().addLast(IDLE_WATCHER, new IdleWatcher());
    channel.config().setAutoRead(true);
    idle.addFirst(channel);
    // One expiry timer per idle connection: cancelled when the connection is taken again.
    channel
        .attr(EXPIRY)
        .set(
            eventLoop.schedule(
                () -> {
                  if (idle.remove(channel)) {
                    channel.close();
                  }
                },
                settings.idleTimeout().toNanos(),
                TimeUnit.NANOSECONDS));
  }

  private void forget(Channel channel) {
    idle.remove(channel);
    cancelExpiry(channel);
  }

  private static void cancelExpiry(Channel channel) {
    ScheduledFuture<?> expiry = channel.attr(EXPIRY).getAndSet(null);
    if (expiry != null) {
      expiry.cancel(false);
    }
  }

  /** Closes an idle connection that receives anything: an idle HTTP/1.1 server must stay silent. */
  private static final class IdleWatcher extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
      ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
