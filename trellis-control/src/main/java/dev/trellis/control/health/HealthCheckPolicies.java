package dev.trellis.control.health;

import dev.trellis.config.MeshResources;
import dev.trellis.config.Reference;
import dev.trellis.config.Resource;
import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import dev.trellis.config.policy.HealthCheck;
import dev.trellis.config.policy.TrafficPolicySpec;
import dev.trellis.control.registry.Instance;
import dev.trellis.control.store.MeshState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the active health check that applies to a service: the {@code healthCheck} of a
 * {@code TrafficPolicy} that targets the {@code Service}. Policies targeting routes carry none
 * that the control plane runs (a route has no endpoints of its own). When several policies of one
 * service have a check, the first by namespace and name wins, so the choice is stable.
 *
 * <p>Pure and thread-safe.
 */
public final class HealthCheckPolicies {
  private HealthCheckPolicies() {}

  public static Optional<HealthCheck> forService(MeshResources mesh, String namespace, String service) {
    ResourceKey key = new ResourceKey(ResourceKind.SERVICE, namespace, service);
    return mesh.referrersOf(key).stream()
        .filter(entry -> entry.getValue().role() == Reference.Role.TARGET)
        .map(Map.Entry::getKey)
        .filter(resource -> resource.kind() == ResourceKind.TRAFFIC_POLICY)
        .sorted(java.util.Comparator.comparing(Resource::key))
        .map(resource -> resource.spec(TrafficPolicySpec.class).healthCheck())
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** True when an active check covers {@code instance}'s service in {@code state}. */
  public static boolean covers(MeshState state, Instance instance) {
    return forService(state.resources(), instance.namespace(), instance.service()).isPresent();
  }

  /** For every instance covered by a check, the check; in registration order. */
  public static Map<String, HealthCheck> resolve(MeshState state) {
    Map<String, Optional<HealthCheck>> byService = new LinkedHashMap<>();
    Map<String, HealthCheck> checks = new LinkedHashMap<>();
    for (Instance instance : state.instances().values()) {
      byService.computeIfAbsent(instance.serviceKey(),
              k -> forService(state.resources(), instance.namespace(), instance.service()))
          .ifPresent(check -> checks.put(instance.id(), check));
    }
    return checks;
  }
}
