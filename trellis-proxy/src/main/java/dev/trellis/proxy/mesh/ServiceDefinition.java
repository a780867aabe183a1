package dev.trellis.proxy.mesh;

import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.route.RouteTable;
import java.util.List;
import java.util.Objects;

/**
 * Everything the proxy is told about one service, as plain values: its ports, its registered
 * endpoints, the balancer it uses and the rest of its traffic policy, and the routes attached to
 * it ({@link RouteTable#NONE} when none). The control-plane snapshot translates into a list of
 * these.
 */
public record ServiceDefinition(
    ServiceKey key,
    List<ServicePort> ports,
    List<RegisteredEndpoint> endpoints,
    BalancerConfig balancer,
    ServicePolicy policy,
    RouteTable routes) {
  public ServiceDefinition {
    Objects.requireNonNull(key, "key");
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
    balancer = balancer == null ? BalancerConfig.DEFAULT : balancer;
    policy = policy == null ? ServicePolicy.NONE : policy;
    routes = routes == null ? RouteTable.NONE : routes;
  }

  /** A service without routes attached. */
  public ServiceDefinition(
      ServiceKey key, List<ServicePort> ports, List<RegisteredEndpoint> endpoints, BalancerConfig balancer,
      ServicePolicy policy) {
    this(key, ports, endpoints, balancer, policy, RouteTable.NONE);
  }

  /** This service with {@code routes} attached instead. */
  public ServiceDefinition withRoutes(RouteTable routes) {
    return new ServiceDefinition(key, ports, endpoints, balancer, policy, routes);
  }

  /** A service without policy beyond its balancer. */
  public ServiceDefinition(
      ServiceKey key, List<ServicePort> ports, List<RegisteredEndpoint> endpoints, BalancerConfig balancer) {
    this(key, ports, endpoints, balancer, ServicePolicy.NONE);
  }
}
