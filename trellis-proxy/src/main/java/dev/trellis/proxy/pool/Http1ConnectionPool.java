package dev.trellis.proxy.pool;

import dev.trellis.proxy.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.ReferenceCountUtil;
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
 * <p>At most as many connections are open (or opening) at once as requests the HTTP/2 pool would
 * carry to one endpoint ({@code maxConnectionsPerEndpoint x maxStreamsPerConnection}): HTTP/1.1
 * carries one request per connection, and the application should see the concurrency its callers
 * have. Beyond that a request waits for a connection to come back, first come first served; at
 * most {@link #maxWaiting()} wait (as many again), and the next one fails at once with {@link
 * PoolExhaustedException}.
 *
 * <p>Connections come out with an {@link HttpClientCodec} and auto-read off. While idle in the
 * pool a connection has one read pending, with a watcher that closes it on anything unexpected
 * (the server closing it, stray bytes), so a dead connection is never handed out twice. That read
 * stays pending when the connection is taken again: asking for it inside the read that ended the
 * last response keeps the socket registered for reading, where turning auto-read on and off
 * would cost two {@code epoll_ctl} calls per request.
 *
 * <p>Idle connections expire through one timer per pool, armed for the oldest idle connection,
 * rather than one timer scheduled and cancelled per request.
 *
 * <p>Threading: every method must be called on {@link #eventLoop()}.
 */
public final class Http1ConnectionPool {
  private static final String IDLE_WATCHER = "trellis-idle-watcher";

  private final EventLoop eventLoop;
  private final InetSocketAddress address;
  private final PoolSettings settings;
  /** Most recently used first, so the oldest (next to expire) is last. */
  private final ArrayDeque<IdleConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<Promise<Channel>> waiting = new ArrayDeque<>();
  private final int maxOpen;
  private final int maxWaiting;
  private int open; // connections open or opening
  private boolean expiryArmed;

  Http1ConnectionPool(EventLoop eventLoop, InetSocketAddress address, PoolSettings settings) {
    this.eventLoop = eventLoop;
    this.address = address;
    this.settings = settings;
    this.maxOpen = settings.maxConnectionsPerEndpoint() * settings.maxStreamsPerConnection();
    this.maxWaiting = maxOpen;
  }

  /** How many requests may wait for a connection when all are busy. */
  public int maxWaiting() {
    return maxWaiting;
  }

  /** Connections open or being opened. */
  public int openCount() {
    return open;
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

  /**
   * A connection for one exchange: an idle one, a new one while under the limit, else one handed
   * back later; fails with {@link PoolExhaustedException} when too many wait already.
   */
  public Future<Channel> acquire() {
    for (IdleConnection connection; (connection = idle.pollFirst()) != null; ) {
      Channel channel = connection.channel();
      if (channel.isActive()) {
        connection.watcher().idle = false;
        return eventLoop.newSucceededFuture(channel);
      }
    }
    Promise<Channel> promise = eventLoop.newPromise();
    if (open < maxOpen) {
      connect(promise);
    } else if (waiting.size() < maxWaiting) {
      waiting.addLast(promise);
    } else {
      promise.setFailure(
          new PoolExhaustedException(
              open + " connections busy, " + waiting.size() + " requests waiting"));
    }
    return promise;
  }

  private void connect(Promise<Channel> promise) {
    open++;
    ChannelFuture connecting = new Bootstrap()
        .group(eventLoop)
        .channel(Transport.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.AUTO_READ, false)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                // The watcher stays for the connection's life (it only acts while the connection
                // is idle): no handler is added or removed per request.
                ch.pipeline().addLast(new HttpClientCodec()).addLast(IDLE_WATCHER, new IdleWatcher());
              }
            })
        .connect(address);
    Channel channel = connecting.channel();
    // One listener for the connection's life (a failed attempt included), however often reused.
    channel.closeFuture().addListener(f -> forget(channel));
    connecting.addListener(
            f -> {
              if (f.isSuccess()) {
                promise.setSuccess(channel);
              } else {
                promise.setFailure(f.cause());
              }
            });
  }

  /** Gives {@code channel} back after an exchange; closes it unless {@code reusable}. */
  public void release(Channel channel, boolean reusable) {
    if (!reusable || !channel.isActive()) {
      channel.close(); // its close listener lets a waiting request open a new one
      return;
    }
    for (Promise<Channel> next; (next = waiting.pollFirst()) != null; ) {
      if (next.trySuccess(channel)) {
        return; // straight to the next request: it never sat idle
      }
    }
    IdleWatcher watcher = (IdleWatcher) channel.pipeline().get(IDLE_WATCHER);
    watcher.idle = true;
    idle.addFirst(new IdleConnection(channel, watcher, System.nanoTime()));
    channel.read();
    if (!expiryArmed) {
      armExpiry(settings.idleTimeout().toNanos());
    }
  }

  private void armExpiry(long delayNanos) {
    expiryArmed = true;
    eventLoop.schedule(this::expireIdle, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Closes the connections idle for the whole idle timeout, then waits for the next oldest. */
  private void expireIdle() {
    expiryArmed = false;
    long timeout = settings.idleTimeout().toNanos();
    long now = System.nanoTime();
    for (IdleConnection oldest; (oldest = idle.peekLast()) != null; ) {
      long idleFor = now - oldest.sinceNanos();
      if (idleFor < timeout) {
        armExpiry(timeout - idleFor);
        return;
      }
      idle.pollLast();
      oldest.channel().close();
    }
  }

  private void forget(Channel channel) {
    open--;
    idle.removeIf(connection -> connection.channel() == channel);
    for (Promise<Channel> next; (next = waiting.pollFirst()) != null; ) {
      if (!next.isDone()) {
        connect(next); // a place came free: the longest-waiting request gets a new connection
        return;
      }
    }
  }

  private record IdleConnection(Channel channel, IdleWatcher watcher, long sinceNanos) {}

  /**
   * Closes the connection when it receives anything while idle: an idle HTTP/1.1 server must stay
   * silent. While the connection carries an exchange, everything passes on to the exchange.
   */
  private static final class IdleWatcher extends ChannelInboundHandlerAdapter {
    boolean idle;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!idle) {
        ctx.fireChannelRead(msg);
        return;
      }
      ReferenceCountUtil.release(msg);
      ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (idle) {
        ctx.close();
      } else {
        ctx.fireExceptionCaught(cause);
      }
    }
  }
}
