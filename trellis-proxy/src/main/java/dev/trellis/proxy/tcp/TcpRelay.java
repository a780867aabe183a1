package dev.trellis.proxy.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

/**
 * Relays bytes read on one channel to its peer, one half of a bidirectional byte pipe; install one
 * on each side with {@link #splice}.
 *
 * <p>Backpressure: auto-read is off; this side reads again only while the peer is writable, and
 * the peer's relay resumes reading here when its channel drains. Half-close is respected: when
 * this side's input ends, the peer's output is shut down (a TCP FIN travels on), and the pair is
 * closed once both directions have ended. Both channels must allow half-closure.
 *
 * <p>Threading: both channels should share one event loop; everything runs there.
 */
public final class TcpRelay extends ChannelInboundHandlerAdapter {
  private final Channel peer;

  private TcpRelay(Channel peer) {
    this.peer = peer;
  }

  /**
   * Joins {@code a} and {@code b} into one byte pipe and starts reading both. Any handler named
   * {@code replacing} in {@code a}'s pipeline is replaced by the relay (null: the relay is added).
   */
  public static void splice(Channel a, String replacing, Channel b) {
    for (Channel c : new Channel[] {a, b}) {
      c.config().setAutoRead(false);
      c.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }
    b.pipeline().addLast("trellis-tcp-relay", new TcpRelay(a));
    if (replacing != null) {
      a.pipeline().replace(replacing, "trellis-tcp-relay", new TcpRelay(b));
    } else {
      a.pipeline().addLast("trellis-tcp-relay", new TcpRelay(b));
    }
    readIfOpen(a);
    readIfOpen(b);
  }

  /**
   * Asks {@code channel} for more bytes unless its input has ended: epoll has dropped a
   * half-closed socket's read interest, and asking again fails.
   */
  private static void readIfOpen(Channel channel) {
    if (!(channel instanceof DuplexChannel duplex) || !duplex.isInputShutdown()) {
      channel.read();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    peer.write(msg, peer.voidPromise());
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
    if (peer.isWritable()) {
      readIfOpen(ctx.channel());
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      readIfOpen(peer);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      // Our side sent FIN: pass it on once what it sent before is flushed.
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> shutdownPeerOutput(ctx.channel()));
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  private void shutdownPeerOutput(Channel self) {
    if (peer instanceof DuplexChannel duplex && peer.isActive()) {
      duplex.shutdownOutput().addListener(f -> closeIfBothEnded(self));
    } else {
      self.close();
      peer.close();
    }
  }

  private void closeIfBothEnded(Channel self) {
    if (self instanceof DuplexChannel s && peer instanceof DuplexChannel p
        && s.isInputShutdown() && p.isInputShutdown()) {
      self.close();
      peer.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (peer.isActive()) {
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
