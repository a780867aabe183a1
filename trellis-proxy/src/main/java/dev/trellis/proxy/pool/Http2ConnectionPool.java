package dev.trellis.proxy.pool;

import dev.trellis.proxy.http.ConnectionFlushes;
import dev.trellis.proxy.http.ConnectionWindow;
import dev.trellis.proxy.http.StreamReads;
import dev.trellis.proxy.security.PeerSecurity;
import dev.trellis.proxy.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Multiplexed HTTP/2 (h2c prior knowledge) connections to one address, owned by one event loop:
 * a stream for each request, new connections only when every open one carries its share of
 * streams, idle connections closed after the idle timeout.
 *
 * <p>Streams come out as channels that speak {@code HttpObject}s (an {@link
 * Http2StreamFrameToHttpObjectCodec} is installed), with auto-read off, registered on this pool's
 * event loop. HTTP/2 flow control applies per stream: the channel turns unwritable when the peer's
 * window is exhausted, and the peer's window opens only as the stream channel is read.
 *
 * <p>Threading: every method must be called on {@link #eventLoop()}. Not thread-safe by design:
 * one pool per event loop and address (see {@link EndpointPools}).
 */
public final class Http2ConnectionPool {
  /**
   * Shared by every stream (the codec keeps no state of its own). It does not validate header
   * names again: the HTTP/2 codec below has already refused a stream whose names are invalid.
   */
  private static final Http2StreamFrameToHttpObjectCodec STREAM_CODEC =
      new Http2StreamFrameToHttpObjectCodec(false, false);

  private final EventLoop eventLoop;
  private final InetSocketAddress address;
  private final PoolSettings settings;
  private final PeerSecurity security;
  private final Runnable onEmpty;
  private final List<Connection> connections = new ArrayList<>(2);

  Http2ConnectionPool(
      EventLoop eventLoop,
      InetSocketAddress address,
      PoolSettings settings,
      PeerSecurity security,
      Runnable onEmpty) {
    this.eventLoop = eventLoop;
    this.address = address;
    this.settings = settings;
    this.security = security;
    this.onEmpty = onEmpty;
  }

  public EventLoop eventLoop() {
    return eventLoop;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** Open connections, those still connecting included. */
  public int connectionCount() {
    return connections.size();
  }

  /**
   * A new stream to the address. Fails with the connect error ({@code ConnectException},
   * {@code ConnectTimeoutException}) when no connection could be made.
   */
  public Future<Http2StreamChannel> openStream() {
    Connection connection = choose();
    connection.busy();
    if (connection.ready.isSuccess()) {
      return open(connection); // the usual case: no promise of our own to relay through
    }
    Promise<Http2StreamChannel> promise = eventLoop.newPromise();
    connection.ready.addListener(
        f -> {
          if (!f.isSuccess()) {
            connection.streams--;
            promise.setFailure(f.cause());
            return;
          }
          open(connection).addListener(
              (Future<Http2StreamChannel> opened) -> {
                if (opened.isSuccess()) {
                  promise.setSuccess(opened.getNow());
                } else {
                  promise.setFailure(opened.cause());
                }
              });
        });
    return promise;
  }

  private Future<Http2StreamChannel> open(Connection connection) {
    return connection
        .streams()
        .open()
        .addListener(
            (Future<Http2StreamChannel> opened) -> {
              if (opened.isSuccess()) {
                opened.getNow().closeFuture().addListener(c -> streamClosed(connection));
              } else {
                connection.streams--;
              }
            });
  }

  private Connection choose() {
    Connection best = null;
    for (Connection c : connections) {
      if (c.draining()) {
        continue; // the peer said GOAWAY: finish what runs there, start nothing new
      }
      if (best == null || c.streams < best.streams) {
        best = c;
      }
    }
    if (best != null
        && (best.streams < settings.maxStreamsPerConnection()
            || connections.size() >= settings.maxConnectionsPerEndpoint())) {
      return best;
    }
    return connect();
  }

  private Connection connect() {
    Connection connection = new Connection(eventLoop.newPromise());
    connections.add(connection);
    ChannelFuture future =
        new Bootstrap()
            .group(eventLoop)
            .channel(Transport.socketChannel())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMillis())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(initializer())
            .connect(address);
    connection.channel = future.channel();
    future.addListener(
        f -> {
          if (f.isSuccess()) {
            connection.ready.setSuccess(null);
          } else {
            connections.remove(connection);
            connection.ready.setFailure(f.cause());
            emptied();
          }
        });
    future.channel().closeFuture().addListener(f -> {
      if (connection.expiry != null) {
        connection.expiry.cancel(false);
      }
      if (connections.remove(connection)) {
        emptied();
      }
    });
    return connection;
  }

  private ChannelHandler initializer() {
    return new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        security.secureClient(ch, address);
        ch.pipeline()
            .addLast(
                ConnectionFlushes.newHandler(),
                Http2FrameCodecBuilder.forClient()
                    .initialSettings(Http2Settings.defaultSettings().initialWindowSize(1 << 20))
                    // Streams beyond the peer's concurrency limit wait instead of failing.
                    .encoderEnforceMaxConcurrentStreams(true)
                    .build(),
                new ConnectionWindow(),
                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
      }
    };
  }

  private void streamClosed(Connection connection) {
    connection.streams--;
    if (connection.streams == 0) {
      // One expiry timer per idle period, cancelled as soon as a stream opens again.
      connection.expiry =
          eventLoop.schedule(
              () -> {
                if (connection.streams == 0) {
                  connection.channel.close();
                }
              },
              settings.idleTimeout().toNanos(),
              TimeUnit.NANOSECONDS);
    }
  }

  private void emptied() {
    if (connections.isEmpty()) {
      onEmpty.run();
    }
  }

  private static final class Connection {
    final Promise<Void> ready;
    Channel channel;
    int streams;
    ScheduledFuture<?> expiry; // set while the connection is idle
    /** Made once the connection is up, then reused for every stream it opens. */
    private Http2StreamChannelBootstrap streamBootstrap;
    private Http2FrameCodec codec;

    /** A stream is about to open: the connection is no longer idle. */
    void busy() {
      streams++;
      if (expiry != null) {
        expiry.cancel(false);
        expiry = null;
      }
    }

    /** Opens this connection's streams; call once {@link #ready} succeeded. */
    Http2StreamChannelBootstrap streams() {
      if (streamBootstrap == null) {
        streamBootstrap =
            new Http2StreamChannelBootstrap(channel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.RCVBUF_ALLOCATOR, StreamReads.INSTANCE)
                .handler(STREAM_CODEC);
      }
      return streamBootstrap;
    }

    /** True once the peer sent GOAWAY or the connection is closing. */
    boolean draining() {
      if (!ready.isDone()) {
        return false;
      }
      if (!channel.isActive()) {
        return true;
      }
      if (codec == null) {
        codec = channel.pipeline().get(Http2FrameCodec.class);
      }
      return codec == null || codec.connection().goAwayReceived();
    }

    Connection(Promise<Void> ready) {
      this.ready = ready;
    }
  }
}
