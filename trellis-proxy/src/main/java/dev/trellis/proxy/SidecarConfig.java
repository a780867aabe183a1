package dev.trellis.proxy;

import dev.trellis.proxy.inbound.LocalApp;
import dev.trellis.proxy.pool.PoolSettings;
import java.util.List;
import java.util.Objects;

/**
 * How one sidecar runs: the application beside it, where its listeners bind, the upstream ports it
 * opens and the limits of its connection pools. Ports of 0 bind any free port; the bound ports
 * are reported by {@link SidecarProxy} once started.
 *
 * @param app the local application (its service, ports and fallback protocol)
 * @param bindAddress the address the outbound listeners bind: loopback, only the application
 *     beside the proxy may use them
 * @param inboundBindAddress the address the inbound listener binds: where peer sidecars reach
 *     this one (the address it registers), loopback on a single host
 * @param inboundPort the port peer sidecars connect to
 * @param outboundHttpPort the port the application uses as HTTP proxy / Host-routed listener
 * @param upstreams the explicit upstream ports
 * @param pools connection pool limits
 * @param ioThreads event loop threads
 */
public record SidecarConfig(
    LocalApp app,
    String bindAddress,
    String inboundBindAddress,
    int inboundPort,
    int outboundHttpPort,
    List<UpstreamPort> upstreams,
    PoolSettings pools,
    int ioThreads) {

  public SidecarConfig {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(inboundBindAddress, "inboundBindAddress");
    upstreams = List.copyOf(upstreams);
    Objects.requireNonNull(pools, "pools");
    checkPort("inboundPort", inboundPort);
    checkPort("outboundHttpPort", outboundHttpPort);
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
    }
  }

  /** A config whose inbound listener binds {@code bindAddress} too (a single host). */
  public SidecarConfig(
      LocalApp app,
      String bindAddress,
      int inboundPort,
      int outboundHttpPort,
      List<UpstreamPort> upstreams,
      PoolSettings pools,
      int ioThreads) {
    this(app, bindAddress, bindAddress, inboundPort, outboundHttpPort, upstreams, pools, ioThreads);
  }

  /** A sidecar for {@code app} on loopback, every port free, default pools. */
  public static SidecarConfig of(LocalApp app) {
    return new SidecarConfig(
        app, "127.0.0.1", "127.0.0.1", 0, 0, List.of(), PoolSettings.DEFAULT,
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** This config with the inbound listener on {@code address}:{@code port} (0: any free port). */
  public SidecarConfig withInbound(String address, int port) {
    return new SidecarConfig(app, bindAddress, address, port, outboundHttpPort, upstreams, pools, ioThreads);
  }

  /** This config with the outbound HTTP listener on {@code port} (0: any free port). */
  public SidecarConfig withOutboundHttpPort(int port) {
    return new SidecarConfig(app, bindAddress, inboundBindAddress, inboundPort, port, upstreams, pools, ioThreads);
  }

  public SidecarConfig withUpstreams(List<UpstreamPort> upstreams) {
    return new SidecarConfig(app, bindAddress, inboundBindAddress, inboundPort, outboundHttpPort, upstreams, pools, ioThreads);
  }

  public SidecarConfig withPools(PoolSettings pools) {
    return new SidecarConfig(app, bindAddress, inboundBindAddress, inboundPort, outboundHttpPort, upstreams, pools, ioThreads);
  }

  public SidecarConfig withIoThreads(int ioThreads) {
    return new SidecarConfig(app, bindAddress, inboundBindAddress, inboundPort, outboundHttpPort, upstreams, pools, ioThreads);
  }

  private static void checkPort(String field, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(field + ": " + port + " (expected: 0..65535)");
    }
  }
}
