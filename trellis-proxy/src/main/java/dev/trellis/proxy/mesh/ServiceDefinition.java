package dev.trellis.proxy.mesh;

import dev.trellis.proxy.balance.BalancerConfig;
import java.util.List;
import java.util.Objects;

/**
 * Everything the proxy is told about one service, as plain values: its ports, its registered
 * endpoints and the balancer it uses. The control-plane snapshot translates into a list of these.
 */
public record ServiceDefinition(
    ServiceKey key,
    List<ServicePort> ports,
    List<RegisteredEndpoint> endpoints,
    BalancerConfig balancer) {
  public ServiceDefinition {
    Objects.requireNonNull(key, "key");
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
    balancer = balancer == null ? BalancerConfig.DEFAULT : balancer;
  }
}
