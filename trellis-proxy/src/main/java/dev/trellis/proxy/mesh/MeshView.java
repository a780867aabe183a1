package dev.trellis.proxy.mesh;

import dev.trellis.proxy.balance.Balancer;
import dev.trellis.proxy.balance.Balancers;
import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.balance.EndpointLoads;
import dev.trellis.proxy.route.RouteTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mesh as one proxy sees it at one version: every service it may talk to, with a balancer
 * built once over that service's routable endpoints.
 *
 * <p>Immutable; built off the hot path (when a snapshot arrives) and published through an
 * {@code AtomicReference}. A request looks the view up once and finishes on it, so a new view
 * never disturbs requests in flight.
 */
public final class MeshView {
  /** The view before any snapshot arrived: no services. */
  public static final MeshView EMPTY = new MeshView(0, Map.of(), Map.of());

  private final long version;
  private final Map<ServiceKey, ServiceView> services;
  private final Map<ServiceKey, RouteTable> routes;

  private MeshView(long version, Map<ServiceKey, ServiceView> services, Map<ServiceKey, RouteTable> routes) {
    this.version = version;
    this.services = services;
    this.routes = routes;
  }

  /**
   * Builds the view of {@code definitions}: one balancer per service over its routable endpoints,
   * sharing {@code loads} with earlier views so measured latencies survive endpoint changes.
   * Endpoints no longer present anywhere are forgotten by {@code loads}.
   */
  public static MeshView build(long version, List<ServiceDefinition> definitions, EndpointLoads loads) {
    Map<ServiceKey, ServiceView> services = new HashMap<>();
    Map<ServiceKey, RouteTable> routes = new HashMap<>();
    List<Endpoint> live = new ArrayList<>();
    for (ServiceDefinition definition : definitions) {
      List<Endpoint> routable = new ArrayList<>();
      Map<Endpoint, InetSocketAddress> addresses = new HashMap<>();
      for (RegisteredEndpoint registered : definition.endpoints()) {
        Endpoint endpoint = registered.endpoint();
        // Made here, off the event loops: a host name is resolved once per snapshot.
        addresses.put(endpoint, new InetSocketAddress(endpoint.host(), endpoint.port()));
        live.add(registered.endpoint());
        if (registered.health().routable()) {
          routable.add(registered.endpoint());
        }
      }
      if (!definition.routes().isEmpty()) {
        routes.put(definition.key(), definition.routes());
      }
      Balancer balancer = Balancers.create(definition.balancer(), List.copyOf(routable), loads);
      services.put(
          definition.key(),
          new ServiceView(
              definition.key(),
              definition.ports(),
              balancer,
              definition.balancer(),
              definition.policy(),
              definition.endpoints().size(),
              addresses));
    }
    loads.retainOnly(live);
    return new MeshView(version, Map.copyOf(services), Map.copyOf(routes));
  }

  /** The version of the snapshot this view was built from. */
  public long version() {
    return version;
  }

  /** The service {@code key}, or null when the view does not know it. */
  public ServiceView service(ServiceKey key) {
    return services.get(key);
  }

  /** The routes attached to {@code key}; {@link RouteTable#NONE} when there are none. */
  public RouteTable routes(ServiceKey key) {
    return routes.getOrDefault(key, RouteTable.NONE);
  }

  /** Every service of the view. */
  public Map<ServiceKey, ServiceView> services() {
    return services;
  }
}
