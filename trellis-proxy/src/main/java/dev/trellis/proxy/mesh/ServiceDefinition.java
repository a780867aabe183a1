package dev.trellis.proxy.mesh;

import dev.trellis.proxy.balance.BalancerConfig;
import java.util.List;
import java.util.Objects;

/**
 * Everything the proxy is told about one service, as plain values: its ports, its registered
 * endpoints, the balancer it uses and the rest of its traffic policy. The control-plane snapshot translates into a list of these.
 */
public record ServiceDefinition(
    ServiceKey key,
    List<ServicePort> ports,
    List<RegisteredEndpoint> endpoints,
    BalancerConfig balancer,
    ServicePolicy policy) {
  public ServiceDefinition {
    Objects.requireNonNull(key, "key");
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
    balancer = balancer == null ? BalancerConfig.DEFAULT : balancer;
    policy = policy == null ? ServicePolicy.NONE : policy;
  }

  /** A service without policy beyond its balancer. */
  public ServiceDefinition(
      ServiceKey key, List<ServicePort> ports, List<RegisteredEndpoint> endpoints, BalancerConfig balancer) {
    this(key, ports, endpoints, balancer, ServicePolicy.NONE);
  }
}
