package dev.trellis.proxy.outbound;

import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.balance.EndpointLoad;
import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.balance.PickRequest;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;
import dev.trellis.proxy.tcp.EarlyBytes;
import dev.trellis.proxy.tcp.TcpRelay;
import dev.trellis.proxy.tcp.TunnelConnector;
import dev.trellis.proxy.tcp.TunnelPreface;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection accepted on an opaque-TCP upstream port: picks an endpoint of the service,
 * opens a byte tunnel to its sidecar and relays bytes both ways (half-close included). The whole
 * connection counts as one request on the endpoint's load.
 *
 * <p>A TCP byte stream has no room for an error message: when there is no endpoint or the peer
 * cannot be reached, the connection is closed and the reason logged.
 */
final class TcpUpstreamHandler extends ChannelInboundHandlerAdapter {
  static final String NAME = "trellis-tcp-upstream";
  private static final Logger log = LoggerFactory.getLogger(TcpUpstreamHandler.class);

  private final ServiceView service;
  private final ServicePort port;
  private final EndpointLoads loads;
  private final TunnelConnector tunnels;
  private final LongSupplier nanoClock;
  private final EarlyBytes early = new EarlyBytes();

  TcpUpstreamHandler(
      ServiceView service,
      ServicePort port,
      EndpointLoads loads,
      TunnelConnector tunnels,
      LongSupplier nanoClock) {
    this.service = service;
    this.port = port;
    this.loads = loads;
    this.tunnels = tunnels;
    this.nanoClock = nanoClock;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel downstream = ctx.channel();
    String source =
        downstream.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
    Endpoint endpoint = service.balancer().pick(new SourceOnly(source));
    if (endpoint == null) {
      log.warn(
          "no healthy endpoint: {} ({} registered, 0 healthy); closing TCP connection",
          service.key().displayName(),
          service.registeredEndpoints());
      downstream.close();
      return;
    }
    EndpointLoad load = loads.of(endpoint);
    load.requestStarted();
    long start = nanoClock.getAsLong();
    InetSocketAddress address = service.addressOf(endpoint);
    tunnels
        .tunnel(downstream.eventLoop(), address, new TunnelPreface(service.key().hostName(), port.port()))
        .addListener(
            (Future<Channel> f) -> {
              if (!f.isSuccess()) {
                log.warn(
                    "upstream connect failed: {} {}: {}",
                    service.key().displayName(),
                    address,
                    f.cause().toString());
                load.requestFinished(nanoClock.getAsLong() - start, true);
                early.release();
                downstream.close();
                return;
              }
              Channel tunnel = f.getNow();
              tunnel.closeFuture()
                  .addListener(c -> load.requestFinished(nanoClock.getAsLong() - start, false));
              if (!downstream.isActive()) {
                early.release();
                tunnel.close();
                return;
              }
              early.drainTo(tunnel);
              TcpRelay.splice(downstream, NAME, tunnel);
            });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    early.add(msg); // only before the tunnel is up: the relay replaces this handler
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
    early.release();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private record SourceOnly(String sourceAddress) implements PickRequest {
    @Override
    public String header(String lowerCaseName) {
      return null;
    }

    @Override
    public String cookie(String name) {
      return null;
    }
  }
}
