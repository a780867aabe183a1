package dev.trellis.proxy.inbound;

import dev.trellis.proxy.http.HttpServerBridge;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.Http2ServerPipeline;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.metrics.TcpMetricsHandler;
import dev.trellis.proxy.security.PeerSecurity;
import dev.trellis.proxy.tcp.TunnelConnector;
import dev.trellis.proxy.tcp.TunnelPreface;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds the pipeline of a connection accepted on the inbound listener: transport security first
 * (the single seam where mTLS goes), then the {@link InboundProtocolSelector}, which installs
 * either the HTTP/2 server (requests to the inbound chain) or a byte tunnel to the application.
 *
 * <p>A tunnel reaches only a port the local service declares, named with the local service's
 * host (see {@link LocalDestination}); any other preface is answered with an HTTP/1.1 error
 * carrying {@code x-trellis-error} (an upgrade's caller reads it as the answer to its request)
 * and the connection is closed.
 */
public final class InboundInitializer extends ChannelInitializer<Channel> {
  private final PeerSecurity security;
  private final Supplier<HttpService> chain;
  private final Supplier<MeshView> view;
  private final LocalApp app;
  private final TunnelConnector connector;
  private final LongSupplier nanoClock;
  private final ChannelHandler tcpMetrics;

  /** {@code tcpMetrics} counts the tunnels (opaque TCP, upgrades) to the local application. */
  public InboundInitializer(
      PeerSecurity security,
      Supplier<HttpService> chain,
      Supplier<MeshView> view,
      LocalApp app,
      TunnelConnector connector,
      LongSupplier nanoClock,
      ChannelHandler tcpMetrics) {
    this.security = security;
    this.chain = chain;
    this.view = view;
    this.app = app;
    this.connector = connector;
    this.nanoClock = nanoClock;
    this.tcpMetrics = tcpMetrics;
  }

  @Override
  protected void initChannel(Channel ch) {
    security.secureServer(ch);
    // The HTTP/2 connection reads freely (each stream has its own flow control); a tunnel turns
    // auto-read off again once chosen.
    ch.config().setAutoRead(true);
    ch.pipeline()
        .addLast(
            new InboundProtocolSelector(
                new InboundProtocolSelector.Choice() {
                  @Override
                  public void http2(ChannelHandlerContext ctx) {
                    ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
                    Http2ServerPipeline.install(
                        ctx.pipeline(), () -> new HttpServerBridge(chain, false, null, nanoClock));
                  }

                  @Override
                  public void tunnel(ChannelHandlerContext ctx, TunnelPreface preface) {
                    LocalDestination.Decision decision =
                        LocalDestination.resolve(view.get(), app, preface.authority(), preface.port());
                    if (decision.error() != null) {
                      refuse(ctx, decision.error());
                      return;
                    }
                    InetSocketAddress target =
                        new InetSocketAddress("127.0.0.1", app.appPort(decision.port().port()));
                    ctx.pipeline()
                        .addLast(TcpMetricsHandler.NAME, tcpMetrics)
                        .addLast(InboundTunnelHandler.NAME, new InboundTunnelHandler(connector, target));
                  }
                }));
  }

  private static void refuse(ChannelHandlerContext ctx, ProxyError error) {
    String status = error.status().toString();
    ctx.writeAndFlush(
            Unpooled.copiedBuffer(
                "HTTP/1.1 " + status + "\r\n" + ProxyError.HEADER + ": " + error.reason()
                    + "\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                StandardCharsets.US_ASCII))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
