package dev.trellis.proxy.inbound;

import dev.trellis.proxy.http.HttpServerBridge;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.Http2ServerPipeline;
import dev.trellis.proxy.security.PeerSecurity;
import dev.trellis.proxy.tcp.TunnelConnector;
import dev.trellis.proxy.tcp.TunnelPreface;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds the pipeline of a connection accepted on the inbound listener: transport security first
 * (the single seam where mTLS goes), then the {@link InboundProtocolSelector}, which installs
 * either the HTTP/2 server (requests to the inbound chain) or a byte tunnel to the application.
 */
public final class InboundInitializer extends ChannelInitializer<Channel> {
  private final PeerSecurity security;
  private final Supplier<HttpService> chain;
  private final LocalApp app;
  private final TunnelConnector connector;
  private final LongSupplier nanoClock;

  public InboundInitializer(
      PeerSecurity security,
      Supplier<HttpService> chain,
      LocalApp app,
      TunnelConnector connector,
      LongSupplier nanoClock) {
    this.security = security;
    this.chain = chain;
    this.app = app;
    this.connector = connector;
    this.nanoClock = nanoClock;
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
                    InetSocketAddress target =
                        new InetSocketAddress("127.0.0.1", app.appPort(preface.port()));
                    ctx.pipeline()
                        .addLast(InboundTunnelHandler.NAME, new InboundTunnelHandler(connector, target));
                  }
                }));
  }
}
