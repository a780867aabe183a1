package dev.trellis.proxy.inbound;

import dev.trellis.proxy.tcp.EarlyBytes;
import dev.trellis.proxy.tcp.TcpRelay;
import dev.trellis.proxy.tcp.TunnelConnector;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;

/**
 * The inbound end of a byte tunnel: connects to the local application's port and then relays
 * bytes both ways. Bytes that arrived with the tunnel preface (an upgrade request, say), and a
 * half-close, wait in {@link EarlyBytes} until the application's connection is up.
 *
 * <p>When the application refuses the connection the tunnel is closed: a byte stream has no
 * place for an error message, and the caller sees its connection end.
 */
final class InboundTunnelHandler extends ChannelInboundHandlerAdapter {
  static final String NAME = "trellis-inbound-tunnel";

  private final TunnelConnector connector;
  private final InetSocketAddress app;
  private final EarlyBytes early = new EarlyBytes();

  InboundTunnelHandler(TunnelConnector connector, InetSocketAddress app) {
    this.connector = connector;
    this.app = app;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    Channel downstream = ctx.channel();
    downstream.config().setAutoRead(false);
    connector
        .direct(downstream.eventLoop(), app)
        .addListener(
            (Future<Channel> f) -> {
              if (!f.isSuccess()) {
                release();
                downstream.close();
                return;
              }
              Channel upstream = f.getNow();
              if (!downstream.isActive()) {
                release();
                upstream.close();
                return;
              }
              early.drainTo(upstream);
              TcpRelay.splice(downstream, NAME, upstream);
            });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    early.add(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      early.inputEnded();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    release();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void release() {
    early.release();
  }
}
