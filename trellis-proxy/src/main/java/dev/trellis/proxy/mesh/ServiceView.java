package dev.trellis.proxy.mesh;

import dev.trellis.proxy.balance.Balancer;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.balance.Endpoint;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One service as the proxy routes to it: declared ports, the balancer over its routable endpoints,
 * and how many endpoints are registered (so that errors can say "3 registered, 0 healthy").
 *
 * <p>Immutable apart from the balancer's lock-free counters; shared by every event loop.
 *
 * @param addresses the socket address of every registered endpoint, made (and, for a host name,
 *     resolved) when the view is built, so that no event loop ever waits for a name lookup
 */
public record ServiceView(
    ServiceKey key,
    List<ServicePort> ports,
    Balancer balancer,
    BalancerConfig balancerConfig,
    ServicePolicy policy,
    int registeredEndpoints,
    Map<Endpoint, InetSocketAddress> addresses) {

  public ServiceView {
    ports = List.copyOf(ports);
    addresses = Map.copyOf(addresses);
  }

  /**
   * The socket address of {@code endpoint}, as made when the view was built. An endpoint the view
   * does not hold (never the case for one its balancer picked) gets an address made on the spot.
   */
  public InetSocketAddress addressOf(Endpoint endpoint) {
    InetSocketAddress address = addresses.get(endpoint);
    return address != null ? address : new InetSocketAddress(endpoint.host(), endpoint.port());
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
