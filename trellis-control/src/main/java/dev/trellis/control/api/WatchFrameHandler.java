package dev.trellis.control.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.api.json.ApiJson;
import dev.trellis.api.watch.Ack;
import dev.trellis.api.watch.Nack;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.api.watch.Subscription;
import dev.trellis.api.watch.WatchMessage;
import dev.trellis.control.watch.WatchHub;
import dev.trellis.control.watch.WatchSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy's watch connection once upgraded: reads subscribe/ack/nack frames into its
 * {@link WatchSession} and writes the session's snapshots as text frames.
 *
 * <p>A watch quiet for the ping interval is pinged (the proxy's WebSocket answers with a pong);
 * one that sends nothing, not even pongs, for three intervals is closed as dead, so that
 * {@code GET /v1/proxies} does not show a vanished proxy as connected.
 *
 * <p>A slow proxy never makes snapshots pile up: while the channel is not writable only the
 * newest unsent snapshot is kept, and it goes out when the channel drains. A message may arrive
 * in fragments (joined before it gets here); one that is not a JSON watch message in text, a
 * binary one included, closes the connection with 1003 and says why.
 */
final class WatchFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(WatchFrameHandler.class);

  private final ObjectMapper json = ApiJson.mapper();
  private final WatchHub hub;
  private Snapshot pending; // event loop only
  private Channel channel;
  private WatchSession session;

  WatchFrameHandler(WatchHub hub) {
    this.hub = hub;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      channel = ctx.channel();
      session = hub.open(this::send);
    } else if (event instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        log.debug("watch {} silent too long; closing", ctx.channel().remoteAddress());
        ctx.close();
      } else if (idle.state() == IdleState.WRITER_IDLE) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame received) {
    if (!(received instanceof TextWebSocketFrame frame)) {
      // Pings, pongs and closes are answered by the protocol handler before this one; fragments
      // are joined by the aggregator. What is left and not text is binary: not a watch message.
      refuse(ctx, "not a watch message: a " + received.getClass().getSimpleName()
          + " (expected: a text frame with JSON)");
      return;
    }
    WatchMessage message;
    try {
      message = json.readValue(frame.text(), WatchMessage.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      refuse(ctx, "not a watch message: " + e.getOriginalMessage());
      return;
    }
    switch (message) {
      case Subscription subscription -> session.subscribe(subscription, hub.current());
      case Ack ack -> session.ack(ack);
      case Nack nack -> session.nack(nack);
      case Snapshot snapshot -> refuse(ctx, "snapshots are sent by the control plane, not to it");
    }
  }

  /**
   * Called by the session from any thread. Always hops onto the event loop, even from it, so
   * that snapshots leave in the order the session produced them.
   */
  private void send(Snapshot snapshot) {
    channel.eventLoop().execute(() -> {
      if (channel.isWritable()) {
        pending = null;
        write(snapshot);
      } else {
        pending = snapshot;
      }
    });
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      Snapshot newest = pending;
      pending = null;
      if (newest != null) {
        write(newest);
      }
    }
    ctx.fireChannelWritabilityChanged();
  }

  private void write(Snapshot snapshot) {
    try {
      channel.writeAndFlush(new TextWebSocketFrame(json.writeValueAsString(snapshot)));
    } catch (IOException e) {
      log.error("cannot encode snapshot {}", snapshot.version(), e);
    }
  }

  private void refuse(ChannelHandlerContext ctx, String why) {
    log.debug("watch {} refused: {}", ctx.channel().remoteAddress(), why);
    ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code(),
            closeReason(why)))
        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
  }

  /** A close frame is a control frame: its reason must fit in 123 bytes of UTF-8. */
  static String closeReason(String why) {
    String reason = why.lines().findFirst().orElse("");
    while (reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
      reason = reason.substring(0, reason.length() - 1);
    }
    return reason;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (session != null) {
      hub.close(session);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("watch connection {} failed", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
