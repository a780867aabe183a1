package dev.trellis.control.store;

import dev.trellis.config.MeshResources;
import dev.trellis.config.ResourceKey;
import dev.trellis.control.registry.Instance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the control plane knows at one version: the mesh resources, the version that last
 * changed each, and the registered instances. Immutable; the store swaps it whole.
 *
 * <p>Mutators return a copy with the same {@link #version()}: the {@link StateStore} bumps the
 * version once per committed change, however many parts of the state the change touched.
 *
 * @param resourceVersions for every resource, the version that last created or changed it
 * @param instances        by id, in registration order
 */
public record MeshState(
    long version, MeshResources resources, Map<ResourceKey, Long> resourceVersions,
    Map<String, Instance> instances) {

  public MeshState {
    resourceVersions = Map.copyOf(resourceVersions);
    instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
  }

  public static MeshState empty() {
    return new MeshState(0, MeshResources.empty(), Map.of(), Map.of());
  }

  public MeshState withVersion(long newVersion) {
    return new MeshState(newVersion, resources, resourceVersions, instances);
  }

  public MeshState withResources(MeshResources newResources, Map<ResourceKey, Long> newVersions) {
    return new MeshState(version, newResources, newVersions, instances);
  }

  public MeshState withInstance(Instance instance) {
    Map<String, Instance> copy = new LinkedHashMap<>(instances);
    copy.put(instance.id(), instance);
    return new MeshState(version, resources, resourceVersions, copy);
  }

  public MeshState withoutInstances(List<String> ids) {
    Map<String, Instance> copy = new LinkedHashMap<>(instances);
    ids.forEach(copy::remove);
    return new MeshState(version, resources, resourceVersions, copy);
  }

  /** The instances of one service, in registration order. */
  public List<Instance> instancesOf(String namespace, String service) {
    return instances.values().stream()
        .filter(i -> i.namespace().equals(namespace) && i.service().equals(service))
        .toList();
  }
}
