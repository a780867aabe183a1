package dev.trellis.control.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.watch.Subscription;
import dev.trellis.config.MeshResources;
import dev.trellis.config.Reference;
import dev.trellis.config.Resource;
import dev.trellis.config.ResourceKey;
import dev.trellis.config.ResourceKind;
import dev.trellis.control.registry.Instance;
import dev.trellis.control.store.MeshState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cuts, out of the whole mesh, what one proxy needs: its scoped snapshot content.
 *
 * <p>The rules (docs/control-api.md, "Scope"), followed through {@link Reference} roles so that no
 * kind's fields are known here:
 * <ul>
 *   <li>every {@code MeshConfig};</li>
 *   <li>the proxy's own {@code Service} and everything that TARGETs it (inbound policy), and the
 *       policies of its namespace that target nothing, which apply namespace-wide (an
 *       {@code AuthorizationPolicy} without {@code targetRef});</li>
 *   <li>for each service it may send to: its {@code Service}, endpoints, and TARGETing policies
 *       except {@code AuthorizationPolicy} (enforced by the callee's proxy, and only there); the
 *       routes that name it as PARENT and apply to this caller, being in the service's namespace
 *       (producer routes) or the caller's (consumer routes), with policies TARGETing those
 *       routes; and, through
 *       each such route's BACKEND references, the services those send to, the same way,
 *       transitively.</li>
 * </ul>
 * A service with no {@code Service} resource still gets its endpoint list (possibly empty), so
 * that a proxy can tell "no endpoints" from "not in scope".
 *
 * <p>Pure and thread-safe.
 */
public final class SnapshotScope {
  private SnapshotScope() {}

  /** What a snapshot holds besides its version; equal contents mean nothing to send. */
  public record Content(List<ObjectNode> resources, Map<String, List<Endpoint>> endpoints) {}

  public static Content of(MeshState state, Subscription subscription) {
    MeshResources mesh = state.resources();
    Set<ResourceKey> included = new TreeSet<>();
    mesh.list(ResourceKind.MESH_CONFIG).forEach(r -> included.add(r.key()));

    ResourceKey own = service(subscription.namespace(), subscription.service());
    includeWithTargeting(mesh, own, included, true);
    for (ResourceKind policyKind : List.of(ResourceKind.AUTHORIZATION_POLICY, ResourceKind.TRAFFIC_POLICY)) {
      mesh.list(policyKind).stream()
          .filter(policy -> policy.key().namespace().equals(subscription.namespace()))
          .filter(policy -> policy.spec().references().stream()
              .noneMatch(reference -> reference.role() == Reference.Role.TARGET))
          .forEach(policy -> included.add(policy.key()));
    }

    Set<ResourceKey> upstreams = new LinkedHashSet<>();
    Deque<ResourceKey> pending = new ArrayDeque<>();
    for (String upstream : subscription.upstreams()) {
      pending.add(upstreamKey(subscription.namespace(), upstream));
    }
    while (!pending.isEmpty()) {
      ResourceKey upstream = pending.poll();
      if (!upstreams.add(upstream)) {
        continue;
      }
      includeWithTargeting(mesh, upstream, included, false);
      for (Map.Entry<Resource, Reference> referrer : mesh.referrersOf(upstream)) {
        if (referrer.getValue().role() != Reference.Role.PARENT) {
          continue;
        }
        Resource route = referrer.getKey();
        if (!appliesTo(route, upstream, subscription.namespace())) {
          continue;
        }
        includeWithTargeting(mesh, route.key(), included, false);
        for (Reference reference : route.spec().references()) {
          if (reference.role() == Reference.Role.BACKEND) {
            pending.add(reference.target());
          }
        }
      }
    }

    List<ObjectNode> documents = included.stream()
        .map(mesh::get)
        .flatMap(java.util.Optional::stream)
        .map(Resource::document)
        .toList();
    Map<String, List<Endpoint>> endpoints = new TreeMap<>();
    for (ResourceKey upstream : upstreams) {
      endpoints.put(upstream.namespace() + "/" + upstream.name(), state
          .instancesOf(upstream.namespace(), upstream.name()).stream()
          .map(Instance::toSnapshotEndpoint)
          .toList());
    }
    return new Content(documents, new LinkedHashMap<>(endpoints));
  }

  /**
   * Whether {@code route}, attached to {@code service}, steers the traffic of a caller in
   * {@code callerNamespace}. As in the Gateway API's mesh profile (GAMMA): a route in the
   * service's own namespace is the producer's and applies to every caller; a route in the
   * caller's namespace is that consumer's own; a route in any third namespace applies to neither,
   * so no namespace can capture traffic it neither serves nor sends.
   */
  static boolean appliesTo(Resource route, ResourceKey service, String callerNamespace) {
    String routeNamespace = route.key().namespace();
    return routeNamespace.equals(service.namespace()) || routeNamespace.equals(callerNamespace);
  }

  /**
   * Adds {@code key} (when it exists) and every resource that TARGETs it; authorization policies
   * only on the {@code inbound} side.
   */
  private static void includeWithTargeting(MeshResources mesh, ResourceKey key,
      Set<ResourceKey> included, boolean inbound) {
    if (mesh.get(key).isPresent()) {
      included.add(key);
    }
    for (Map.Entry<Resource, Reference> referrer : mesh.referrersOf(key)) {
      if (referrer.getValue().role() == Reference.Role.TARGET
          && (inbound || referrer.getKey().kind() != ResourceKind.AUTHORIZATION_POLICY)) {
        included.add(referrer.getKey().key());
      }
    }
  }

  private static ResourceKey upstreamKey(String namespace, String upstream) {
    int slash = upstream.indexOf('/');
    return slash < 0 ? service(namespace, upstream)
        : service(upstream.substring(0, slash), upstream.substring(slash + 1));
  }

  private static ResourceKey service(String namespace, String name) {
    return new ResourceKey(ResourceKind.SERVICE, namespace, name);
  }
}
