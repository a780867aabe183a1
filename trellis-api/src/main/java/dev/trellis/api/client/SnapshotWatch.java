package dev.trellis.api.client;

import dev.trellis.api.json.WireJson;
import dev.trellis.api.watch.Ack;
import dev.trellis.api.watch.Nack;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.api.watch.WatchMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A running snapshot watch that survives the control plane going away.
 *
 * <p>Each connection subscribes first (with the latest {@link #subscribe} value), then answers
 * every snapshot with the ack or nack its {@link WatchListener} decides. When the connection
 * closes or fails, or cannot be opened, or stays silent past {@link WatchSettings#silenceLimit()},
 * the next attempt waits {@link Backoff#delay} (the attempt count resets once a snapshot
 * arrives). Thread-safe; {@link #close()} stops it for good.
 *
 * <p>The WebSocket is Netty's ({@code ws://}, or {@code wss://} with the JDK's TLS and trust
 * store, built only for a {@code wss} URL): a sidecar has Netty loaded already, so the watch adds
 * a few classes to its start-up rather than a second HTTP stack.
 *
 * <p>Threading: one event-loop thread of its own carries the connection, the reconnect and
 * silence timers and every {@link WatchListener} call, so those calls come one at a time.
 */
public final class SnapshotWatch implements AutoCloseable {
  /** Larger than any snapshot a sidecar can hold with its heap; the control plane sends one frame. */
  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final URI uri;
  private final String token;
  private final WatchListener listener;
  private final WatchSettings settings;
  private final WatchTls tls;
  private final EventLoopGroup loop;
  private volatile Subscription subscription;
  private volatile boolean closed;
  private volatile Connection current;
  private int failedAttempts; // event loop only

  private SnapshotWatch(URI uri, String token, Subscription subscription, WatchListener listener,
      WatchSettings settings) {
    this.uri = uri;
    this.token = token;
    this.subscription = subscription;
    this.listener = listener;
    this.settings = settings;
    this.tls = WatchTls.forUri(uri);
    this.loop = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("trellis-watch-" + subscription.node(), true), NioIoHandler.newFactory());
  }

  /** @param uri the watch endpoint, {@code ws://host:port/v1/watch} or {@code wss://...} */
  static SnapshotWatch start(URI uri, String token, Subscription subscription,
      WatchListener listener, WatchSettings settings) {
    SnapshotWatch watch = new SnapshotWatch(uri, token, subscription, listener, settings);
    watch.loop.execute(watch::connect);
    long check = Math.max(1, settings.silenceLimit().toMillis() / 3);
    watch.loop.scheduleWithFixedDelay(watch::dropIfSilent, check, check, TimeUnit.MILLISECONDS);
    return watch;
  }

  /** Replaces the connection when nothing came over it for the silence limit (a half-open TCP). */
  private void dropIfSilent() {
    Connection connection = current;
    if (connection != null && !connection.ended
        && System.nanoTime() - connection.lastHeard > settings.silenceLimit().toNanos()) {
      connection.end(new IOException("nothing from the control plane for "
          + settings.silenceLimit().toMillis() + "ms"));
    }
  }

  /** Changes what is watched; sent at once when connected, and on every reconnect. */
  public void subscribe(Subscription next) {
    this.subscription = next;
    Connection connection = current;
    if (connection != null) {
      connection.send(next);
    }
  }

  /** True while a connection is open and subscribed. */
  public boolean connected() {
    Connection connection = current;
    return connection != null && !connection.ended;
  }

  /** Opens one connection; on the event loop. */
  private void connect() {
    if (closed) {
      return;
    }
    Connection connection = new Connection();
    new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            connection.install(channel);
          }
        })
        .connect(uri.getHost(), port())
        .addListener((ChannelFutureListener) future -> {
          if (!future.isSuccess()) {
            connection.end(future.cause());
          }
        });
  }

  private int port() {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return tls.enabled() ? 443 : 80;
  }

  private void reconnectLater() {
    if (closed) {
      return;
    }
    try {
      long delay = settings.backoff().delay(failedAttempts++).toMillis();
      loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closedMeanwhile) {
      // close() shut the event loop down; nothing more is to be done.
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection connection = current;
    if (connection != null) {
      connection.closeNormally();
    }
    // The close frame is queued on the loop before its shutdown, which still runs queued tasks.
    loop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }

  /**
   * One WebSocket connection: the last handler of its channel's pipeline. Netty calls it on the
   * watch's event loop only, so its fields need no lock; {@link #send} may come from any thread.
   */
  private final class Connection extends SimpleChannelInboundHandler<WebSocketFrame> {
    private volatile boolean ended;
    private volatile long lastHeard = System.nanoTime();
    private volatile Channel channel;

    /**
     * The pipeline, in order: (TLS), the HTTP codec and aggregator for the upgrade, Netty's
     * WebSocket client (handshake with the token, pongs to the control plane's pings), whole
     * messages out of fragments, then this handler.
     */
    void install(SocketChannel ch) {
      channel = ch;
      // First in line, so that every byte that arrives (a ping too) counts as a sign of life.
      ch.pipeline().addLast("heard", new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          lastHeard = System.nanoTime();
          ctx.fireChannelRead(msg);
        }
      });
      if (tls.enabled()) {
        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), uri.getHost(), port()));
      }
      WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
          .webSocketUri(uri)
          .customHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
          .maxFramePayloadLength(MAX_MESSAGE_BYTES)
          .handshakeTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
          .handleCloseFrames(false) // this handler reports the control plane's code and reason
          .build();
      ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
          new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_MESSAGE_BYTES), this);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        opened();
      } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        end(new IOException("no WebSocket handshake from " + uri + " within " + CONNECT_TIMEOUT_MILLIS + "ms"));
      }
      ctx.fireUserEventTriggered(event);
    }

    private void opened() {
      lastHeard = System.nanoTime();
      if (closed) {
        closeNormally();
        return;
      }
      current = this;
      send(subscription);
      listener.onConnected();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame text) {
        handle(ByteBufUtil.getBytes(text.content()));
      } else if (frame instanceof CloseWebSocketFrame close) {
        end(new IOException("watch closed by the control plane: " + close.statusCode() + " " + close.reasonText()));
      }
      // Pongs are dropped by the protocol handler; binary frames are not part of the protocol.
    }

    private void handle(byte[] frame) {
      Optional<Snapshot> received;
      try {
        received = WireJson.readSnapshot(frame);
      } catch (IOException e) {
        // A frame we cannot read is a protocol error; reconnecting starts over cleanly.
        end(e);
        return;
      }
      if (received.isPresent()) {
        Snapshot snapshot = received.get();
        failedAttempts = 0;
        SnapshotDecision decision;
        try {
          decision = listener.onSnapshot(snapshot);
        } catch (RuntimeException e) {
          decision = SnapshotDecision.nack(String.valueOf(e.getMessage()));
        }
        send(decision.accepted()
            ? new Ack(snapshot.version())
            : new Nack(snapshot.version(), decision.error()));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      end(new IOException("watch connection to " + uri + " closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      end(cause);
    }

    /** Sends one message; from any thread (Netty queues writes from elsewhere on the loop). */
    void send(WatchMessage message) {
      Channel target = channel;
      if (target == null || ended) {
        return;
      }
      target.writeAndFlush(new TextWebSocketFrame(WireJson.watchMessage(message)));
    }

    /** Says goodbye with a normal close frame, then closes the TCP connection. */
    void closeNormally() {
      Channel target = channel;
      if (target != null && !ended) {
        ended = true;
        target.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "closing"))
            .addListener(ChannelFutureListener.CLOSE);
      }
    }

    /** Ends this connection once: reports why and schedules the next one; on the event loop. */
    void end(Throwable cause) {
      if (!loop.next().inEventLoop()) {
        try {
          loop.execute(() -> end(cause));
        } catch (RejectedExecutionException closing) {
          // the watch is closed: nothing to report
        }
        return;
      }
      if (ended) {
        return;
      }
      ended = true;
      Channel target = channel;
      if (target != null) {
        target.close();
      }
      if (!closed) {
        listener.onDisconnected(cause);
        reconnectLater();
      }
    }
  }
}
