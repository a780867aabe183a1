package dev.trellis.proxy.outbound;

import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.http.HttpServerBridge;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.Http2ServerPipeline;
import dev.trellis.proxy.http.RouteTarget;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;
import dev.trellis.proxy.metrics.TcpMetricsHandler;
import dev.trellis.proxy.tcp.TunnelConnector;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of a connection accepted on an upstream port ({@code --upstream
 * catalog:9001}) according to what the service declares for the port, read from the mesh view
 * current at accept time: HTTP/1.1 for {@code http}, h2c for {@code http2} and {@code grpc}, a
 * byte tunnel for {@code tcp}. A service the view does not know gets its connection closed.
 */
public final class UpstreamPortInitializer extends ChannelInitializer<Channel> {
  private static final Logger log = LoggerFactory.getLogger(UpstreamPortInitializer.class);

  private final RouteTarget target;
  private final Supplier<MeshView> views;
  private final Supplier<HttpService> chain;
  private final EndpointLoads loads;
  private final TunnelConnector tunnels;
  private final LongSupplier nanoClock;
  private final ChannelHandler tcpMetrics;

  /** {@code tcpMetrics} counts the port's connections when the port carries opaque TCP. */
  public UpstreamPortInitializer(
      RouteTarget target,
      Supplier<MeshView> views,
      Supplier<HttpService> chain,
      EndpointLoads loads,
      TunnelConnector tunnels,
      LongSupplier nanoClock,
      ChannelHandler tcpMetrics) {
    this.target = target;
    this.views = views;
    this.chain = chain;
    this.loads = loads;
    this.tunnels = tunnels;
    this.nanoClock = nanoClock;
    this.tcpMetrics = tcpMetrics;
  }

  @Override
  protected void initChannel(Channel ch) {
    ServiceView service = views.get().service(target.service());
    ServicePort port = null;
    if (service != null) {
      port = target.port() == 0 ? service.firstPort() : service.port(target.port());
    }
    if (port == null) {
      log.warn("upstream port for {}: the mesh view declares no such service port; closing", target);
      ch.close();
      return;
    }
    switch (port.protocol()) {
      case HTTP -> OutboundHttpInitializer.install(ch, chain, target, nanoClock);
      case HTTP2, GRPC -> {
        // The connection reads freely; each stream is flow-controlled on its own.
        ch.config().setAutoRead(true);
        Http2ServerPipeline.install(
            ch.pipeline(), () -> new HttpServerBridge(chain, false, target, nanoClock));
      }
      case TCP -> {
        ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        ch.config().setAutoRead(false);
        ch.pipeline()
            .addLast(TcpMetricsHandler.NAME, tcpMetrics)
            .addLast(TcpUpstreamHandler.NAME, new TcpUpstreamHandler(service, port, loads, tunnels, nanoClock));
      }
    }
  }
}
