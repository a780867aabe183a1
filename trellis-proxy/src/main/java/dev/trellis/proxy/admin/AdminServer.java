package dev.trellis.proxy.admin;

import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.control.LinkStatus;
import dev.trellis.proxy.control.TranslatedSnapshot;
import dev.trellis.proxy.metrics.ProxyMetrics;
import dev.trellis.proxy.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sidecar's admin port: a small HTTP/1.1 server for probes and operators, one route per path.
 *
 * <pre>
 *   /live       200 while the process runs
 *   /ready      200 when registered and in sync, else 503 with the reason
 *   /config     JSON: snapshot version, sync state, the documents and endpoints in use
 *   /endpoints  JSON: per upstream, each endpoint's health, in-flight and peak-EWMA latency
 *   /metrics    Prometheus text: requests, latencies and proxy errors per service, process figures
 * </pre>
 *
 * <p>It binds loopback by default: the admin port shows the mesh's configuration and must not be
 * reachable from other hosts without a credential. It runs on an event loop of its own, so a busy
 * data path never makes a probe time out.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each by the owner; the routes
 * run on the admin event loop.
 */
public final class AdminServer implements AutoCloseable {
  private final Map<String, AdminRoute> routes;
  private EventLoopGroup group;
  private Channel channel;

  private AdminServer(Map<String, AdminRoute> routes) {
    this.routes = Map.copyOf(routes);
  }

  /**
   * An admin server over a sidecar's link status, the snapshot it runs, its endpoint loads and its
   * request metrics.
   */
  public static AdminServer of(Supplier<LinkStatus> status,
      Supplier<Optional<TranslatedSnapshot>> snapshot, EndpointLoads loads, ProxyMetrics metrics) {
    Map<String, AdminRoute> routes = new LinkedHashMap<>();
    routes.put("/live", new LiveRoute());
    routes.put("/ready", new ReadyRoute(status));
    routes.put("/config", new ConfigRoute(status, snapshot));
    routes.put("/endpoints", new EndpointsRoute(snapshot, loads));
    routes.put("/metrics", new MetricsRoute(metrics));
    return new AdminServer(routes);
  }

  /** Binds {@code host:port} (0: any free port) and returns once it accepts connections. */
  public synchronized AdminServer start(String host, int port) throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    group = Transport.newGroup(1, "trellis-admin");
    AdminHttpHandler handler = new AdminHttpHandler(routes);
    try {
      channel = new ServerBootstrap()
          .group(group)
          .channel(Transport.serverChannel())
          .option(ChannelOption.SO_REUSEADDR, true)
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              ch.pipeline()
                  .addLast(new HttpServerCodec())
                  .addLast(new HttpObjectAggregator(8 * 1024))
                  .addLast(handler);
            }
          })
          .bind(host, port)
          .sync()
          .channel();
    } catch (InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** The bound address (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
      channel = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
  }
}
