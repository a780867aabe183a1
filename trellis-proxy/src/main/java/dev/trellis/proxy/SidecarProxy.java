package dev.trellis.proxy;

import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.drain.Drain;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.RouteTarget;
import dev.trellis.proxy.inbound.InboundInitializer;
import dev.trellis.proxy.inbound.InboundStack;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.MissingServiceListener;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.metrics.Direction;
import dev.trellis.proxy.metrics.ProxyMetrics;
import dev.trellis.proxy.outbound.OutboundHttpInitializer;
import dev.trellis.proxy.outbound.OutboundStack;
import dev.trellis.proxy.outbound.UpstreamPortInitializer;
import dev.trellis.proxy.pool.EndpointPools;
import dev.trellis.proxy.security.PeerSecurity;
import dev.trellis.proxy.tcp.TunnelConnector;
import dev.trellis.proxy.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The sidecar proxy's data path: an inbound listener for peer sidecars, an outbound HTTP listener
 * and the upstream ports for the local application, all on one event loop group.
 *
 * <pre>
 *   app --HTTP/1.1, h2c, TCP--> outbound / upstream ports ==h2 or tunnel==> peer inbound --> app
 * </pre>
 *
 * <p>The mesh view arrives through {@link #apply}: the view and the request chains over it are
 * built there, off the hot path, and swapped in atomically; a request in flight finishes on the
 * state it started with.
 *
 * <p>Threading: {@link #start}, {@link #apply} and {@link #close} may be called from any thread
 * (not concurrently with each other for start/close); they block only to bind or unbind.
 */
public final class SidecarProxy implements AutoCloseable {
  private final SidecarConfig config;
  private final LongSupplier nanoClock;
  private final PeerSecurity security;
  private final EndpointLoads loads;
  private final EndpointPools pools;
  private final TunnelConnector tunnels;
  private final Drain drain = new Drain();
  private final ProxyMetrics metrics = new ProxyMetrics();
  private final AtomicReference<ProxyState> state = new AtomicReference<>();
  private final List<Channel> listeners = new ArrayList<>();
  private final Map<ServiceKey, InetSocketAddress> upstreamAddresses = new LinkedHashMap<>();
  private EventLoopGroup group;
  private InetSocketAddress inboundAddress;
  private InetSocketAddress outboundAddress;
  private volatile MissingServiceListener missingServices = MissingServiceListener.NONE;

  public SidecarProxy(SidecarConfig config) {
    this(config, System::nanoTime, PeerSecurity.PLAINTEXT);
  }

  public SidecarProxy(SidecarConfig config, LongSupplier nanoClock, PeerSecurity security) {
    this.config = config;
    this.nanoClock = nanoClock;
    this.security = security;
    this.loads = new EndpointLoads(nanoClock);
    this.pools = new EndpointPools(config.pools(), security);
    this.tunnels = new TunnelConnector(config.pools(), security);
    this.metrics.inFlight(drain::inFlight);
    this.state.set(assemble(MeshView.EMPTY));
  }

  /** Binds every listener; returns once they accept connections. */
  public synchronized SidecarProxy start() throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    group = Transport.newGroup(config.ioThreads(), "trellis-proxy");
    try {
      inboundAddress =
          bind(
              config.inboundBindAddress(),
              config.inboundPort(),
              new InboundInitializer(
                  security,
                  () -> state.get().inbound(),
                  () -> state.get().view(),
                  config.app(), tunnels, nanoClock,
                  metrics.tcp(Direction.INBOUND, config.app().service())),
              true);
      outboundAddress =
          bind(
              config.bindAddress(),
              config.outboundHttpPort(),
              new OutboundHttpInitializer(() -> state.get().outbound(), null, nanoClock),
              false);
      for (UpstreamPort upstream : config.upstreams()) {
        RouteTarget target = new RouteTarget(upstream.service(), upstream.servicePort());
        upstreamAddresses.put(
            upstream.service(),
            bind(
                config.bindAddress(),
                upstream.localPort(),
                new UpstreamPortInitializer(
                    target, () -> state.get().view(), () -> state.get().outbound(), loads, tunnels, nanoClock,
                    metrics.tcp(Direction.OUTBOUND, upstream.service())),
                true));
      }
    } catch (InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  private InetSocketAddress bind(String address, int port, ChannelHandler initializer, boolean halfClosure)
      throws InterruptedException {
    Channel channel =
        new ServerBootstrap()
            .group(group)
            .channel(Transport.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
            .childHandler(initializer)
            .bind(address, port)
            .sync()
            .channel();
    listeners.add(channel);
    return (InetSocketAddress) channel.localAddress();
  }

  /**
   * Makes {@code services} the mesh this proxy routes on: builds the view (balancers included)
   * and the request chains, then swaps them in as one. Requests already in flight are not
   * disturbed; connections to endpoints that left are closed by idle expiry.
   */
  public void apply(long version, List<ServiceDefinition> services) {
    state.set(assemble(MeshView.build(version, services, loads)));
  }

  private ProxyState assemble(MeshView view) {
    HttpService outbound =
        OutboundStack.build(view, config.app().service().namespace(), loads, pools, tunnels, nanoClock,
            service -> missingServices.missing(service), metrics);
    HttpService inbound = InboundStack.build(view, config.app(), pools, metrics, nanoClock);
    // Outermost on both paths: every exchange is counted, whatever becomes of it.
    return new ProxyState(view, drain.track(outbound), drain.track(inbound));
  }

  /** Sets who hears of requests for services the view does not know (the control-plane link). */
  public void onMissingService(MissingServiceListener listener) {
    this.missingServices = listener;
  }

  /** The mesh view in use now. */
  public MeshView view() {
    return state.get().view();
  }

  /** The load figures (in flight, peak-EWMA latency) of every endpoint the proxy knows. */
  public EndpointLoads loads() {
    return loads;
  }

  /** The request metrics this proxy records, for the admin port's {@code /metrics}. */
  public ProxyMetrics metrics() {
    return metrics;
  }

  /** The address of the inbound listener, where peer sidecars connect. */
  public InetSocketAddress inboundAddress() {
    return inboundAddress;
  }

  /** The address of the outbound HTTP listener (the application's {@code HTTP_PROXY}). */
  public InetSocketAddress outboundHttpAddress() {
    return outboundAddress;
  }

  /** The address of the upstream port bound for {@code service}, or null. */
  public InetSocketAddress upstreamAddress(ServiceKey service) {
    return upstreamAddresses.get(service);
  }

  /**
   * Starts draining: everything keeps being served (listeners stay open, since peers route here
   * until their next snapshot), but responses ask callers to close their connections. Follow
   * with waiting for {@link #inFlight()} to reach zero, then {@link #close}.
   */
  public void startDraining() {
    drain.start();
  }

  /** HTTP exchanges in flight, inbound and outbound (byte tunnels are not counted). */
  public int inFlight() {
    return drain.inFlight();
  }

  /**
   * Closes the listeners so that no new connection is accepted; connections already open keep
   * being served until {@link #close}.
   */
  public synchronized void stopAccepting() {
    for (Channel listener : listeners) {
      listener.close().syncUninterruptibly();
    }
    listeners.clear();
  }

  /** Closes the listeners and every connection, waiting briefly for the event loops to stop. */
  @Override
  public synchronized void close() {
    for (Channel listener : listeners) {
      listener.close().syncUninterruptibly();
    }
    listeners.clear();
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
  }
}
