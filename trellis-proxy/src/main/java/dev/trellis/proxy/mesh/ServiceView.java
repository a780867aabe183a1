package dev.trellis.proxy.mesh;

import dev.trellis.proxy.balance.Balancer;
import dev.trellis.proxy.balance.BalancerConfig;
import java.util.List;

/**
 * One service as the proxy routes to it: declared ports, the balancer over its routable endpoints,
 * and how many endpoints are registered (so that errors can say "3 registered, 0 healthy").
 *
 * <p>Immutable apart from the balancer's lock-free counters; shared by every event loop.
 */
public record ServiceView(
    ServiceKey key,
    List<ServicePort> ports,
    Balancer balancer,
    BalancerConfig balancerConfig,
    ServicePolicy policy,
    int registeredEndpoints) {

  public ServiceView {
    ports = List.copyOf(ports);
  }

  /** The declared port numbered {@code port}, or null. */
  public ServicePort port(int port) {
    for (ServicePort p : ports) {
      if (p.port() == port) {
        return p;
      }
    }
    return null;
  }

  /** The first declared port speaking HTTP of some kind, or null when there is none. */
  public ServicePort firstHttpPort() {
    for (ServicePort p : ports) {
      if (p.protocol().isHttp()) {
        return p;
      }
    }
    return null;
  }

  /** The first declared port, or null when the service declares none. */
  public ServicePort firstPort() {
    return ports.isEmpty() ? null : ports.get(0);
  }

  /** How many endpoints the balancer may pick from. */
  public int routableEndpoints() {
    return balancer.endpoints().size();
  }
}
