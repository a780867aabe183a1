package dev.trellis.proxy.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.watch.Snapshot;
import dev.trellis.config.ConfigException;
import dev.trellis.config.ConfigLoader;
import dev.trellis.config.Resource;
import dev.trellis.config.ResourceKind;
import dev.trellis.config.policy.LoadBalancer;
import dev.trellis.config.policy.Timeouts;
import dev.trellis.config.policy.TrafficPolicySpec;
import dev.trellis.config.service.ServiceSpec;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.RegisteredEndpoint;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePolicy;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.route.RouteTable;
import dev.trellis.proxy.route.RouteTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a control-plane {@link Snapshot} into the {@link ServiceDefinition}s the data path runs on,
 * refusing it whole when anything in it is invalid.
 *
 * <p>Every document is validated with {@link ConfigLoader#fromDocument}, the same validator the
 * control plane applies, so a proxy older than its control plane refuses what it does not
 * understand instead of half-running it. Then, per service (every {@code Service} document and
 * every endpoint list, keyed {@code namespace/name}):
 * <ul>
 *   <li>ports and their {@code appProtocol} from the {@code Service} document; none when the
 *       snapshot has endpoints but no document (requests then fail with "no HTTP port"); a
 *       service with neither is left out (requests fail with "unknown service");</li>
 *   <li>the endpoints with their health;</li>
 *   <li>the balancer from the {@code loadBalancer} section of a {@code TrafficPolicy} targeting
 *       the service; when several do, the first by name wins (the Gateway API's tie-break),
 *       and policies without that section are not considered;</li>
 *   <li>the request timeout ({@code timeouts.request}) of a {@code TrafficPolicy} targeting the
 *       service, by the same tie-break among the policies that set one;</li>
 *   <li>the {@code HTTPRoute}s and {@code GRPCRoute}s whose parentRefs name the service,
 *       compiled by {@link RouteTables}.</li>
 * </ul>
 * References between documents are not checked: a scoped snapshot may legitimately name
 * resources outside the proxy's scope (a route's other parents).
 *
 * <p>Stateless and thread-safe.
 */
public final class SnapshotTranslator {
  private static final Pattern ENDPOINTS_KEY = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private SnapshotTranslator() {}

  /** Validates and translates {@code snapshot}; throws with every problem when it is refused. */
  public static TranslatedSnapshot translate(Snapshot snapshot) throws SnapshotRejected {
    List<String> problems = new ArrayList<>();
    List<Resource> resources = validateDocuments(snapshot, problems);
    Map<ServiceKey, List<RegisteredEndpoint>> endpoints = validateEndpoints(snapshot, problems);
    if (!problems.isEmpty()) {
      throw new SnapshotRejected(problems);
    }

    Map<ServiceKey, ServiceSpec> serviceSpecs = new TreeMap<>(SnapshotTranslator::compareKeys);
    Map<ServiceKey, BalancerConfig> balancers = new TreeMap<>(SnapshotTranslator::compareKeys);
    Map<ServiceKey, ServicePolicy> servicePolicies = new TreeMap<>(SnapshotTranslator::compareKeys);
    // Resources arrive in kind/namespace/name order; sort anyway, since the tie-break depends on it.
    List<Resource> byName = new ArrayList<>(resources);
    byName.sort((a, b) -> a.key().compareTo(b.key()));
    for (Resource resource : byName) {
      if (resource.kind() == ResourceKind.SERVICE) {
        serviceSpecs.put(keyOf(resource), resource.spec(ServiceSpec.class));
      }
      if (resource.kind() == ResourceKind.TRAFFIC_POLICY) {
        // The request timeout, by the same first-by-name tie-break, from policies that set one.
        TrafficPolicySpec policy = resource.spec(TrafficPolicySpec.class);
        policy.timeouts().flatMap(Timeouts::request).ifPresent(timeout -> {
          if (policy.targetRef().kind() == ResourceKind.SERVICE) {
            servicePolicies.putIfAbsent(
                new ServiceKey(resource.key().namespace(), policy.targetRef().name()),
                new ServicePolicy(timeout));
          }
        });
      }
      if (resource.kind() == ResourceKind.TRAFFIC_POLICY && hasLoadBalancerSection(resource)) {
        TrafficPolicySpec policy = resource.spec(TrafficPolicySpec.class);
        if (policy.targetRef().kind() == ResourceKind.SERVICE) {
          ServiceKey target = new ServiceKey(resource.key().namespace(), policy.targetRef().name());
          balancers.putIfAbsent(target, balancerOf(policy.loadBalancer()));
        }
      }
    }

    Map<ServiceKey, RouteTable> routes = RouteTables.build(byName, (service, portName) -> {
      ServiceSpec spec = serviceSpecs.get(service);
      return spec == null ? null : spec.port(portName).map(p -> p.port()).orElse(null);
    });
    Map<ServiceKey, ServiceDefinition> services = new TreeMap<>(SnapshotTranslator::compareKeys);
    for (ServiceKey key : union(serviceSpecs.keySet(), endpoints.keySet())) {
      ServiceSpec spec = serviceSpecs.get(key);
      if (spec == null && endpoints.getOrDefault(key, List.of()).isEmpty()) {
        // Watched but nothing known (a name asked for on demand that does not exist): leaving it
        // out keeps the answer "unknown service" rather than "no HTTP port".
        continue;
      }
      List<ServicePort> ports = spec == null ? List.of() : spec.ports().stream()
          .map(p -> new ServicePort(p.port(), AppProtocol.parse(p.appProtocol().wireName())))
          .toList();
      services.put(key, new ServiceDefinition(
          key, ports, endpoints.getOrDefault(key, List.of()), balancers.get(key),
          servicePolicies.get(key), routes.get(key)));
    }
    return new TranslatedSnapshot(snapshot, resources, List.copyOf(services.values()));
  }

  private static List<Resource> validateDocuments(Snapshot snapshot, List<String> problems) {
    List<Resource> resources = new ArrayList<>();
    for (int i = 0; i < snapshot.resources().size(); i++) {
      ObjectNode document = snapshot.resources().get(i);
      String source = "snapshot " + snapshot.version() + " " + describe(document, i);
      try {
        resources.add(ConfigLoader.fromDocument(source, document));
      } catch (ConfigException e) {
        e.errors().forEach(error -> problems.add(error.toString()));
      }
    }
    return resources;
  }

  private static Map<ServiceKey, List<RegisteredEndpoint>> validateEndpoints(
      Snapshot snapshot, List<String> problems) {
    Map<ServiceKey, List<RegisteredEndpoint>> result = new TreeMap<>(SnapshotTranslator::compareKeys);
    for (Map.Entry<String, List<Endpoint>> entry : snapshot.endpoints().entrySet()) {
      String where = "snapshot " + snapshot.version() + ": endpoints[\"" + entry.getKey() + "\"]";
      if (entry.getKey() == null || !ENDPOINTS_KEY.matcher(entry.getKey()).matches()) {
        problems.add(where + ": " + entry.getKey() + " (expected: a key namespace/name)");
        continue;
      }
      int slash = entry.getKey().indexOf('/');
      ServiceKey key = new ServiceKey(entry.getKey().substring(0, slash), entry.getKey().substring(slash + 1));
      List<RegisteredEndpoint> endpoints = new ArrayList<>();
      List<Endpoint> wire = entry.getValue() == null ? List.of() : entry.getValue();
      for (int i = 0; i < wire.size(); i++) {
        RegisteredEndpoint endpoint = endpointOf(wire.get(i), where + "[" + i + "]", problems);
        if (endpoint != null) {
          endpoints.add(endpoint);
        }
      }
      result.put(key, List.copyOf(endpoints));
    }
    return result;
  }

  /** The endpoint, or null after adding a problem for each bad field. */
  private static RegisteredEndpoint endpointOf(Endpoint wire, String where, List<String> problems) {
    int before = problems.size();
    if (wire == null) {
      problems.add(where + ": null (expected: an endpoint)");
      return null;
    }
    if (wire.id() == null || wire.id().isBlank()) {
      problems.add(where + ".id: " + text(wire.id()) + " (expected: the instance id)");
    }
    if (wire.address() == null || wire.address().isBlank()) {
      problems.add(where + ".address: " + text(wire.address()) + " (expected: an IP address or host name)");
    }
    if (wire.port() < 1 || wire.port() > 65535) {
      problems.add(where + ".port: " + wire.port() + " (expected: 1..65535)");
    }
    if (wire.health() == null) {
      problems.add(where + ".health: missing (expected: HEALTHY, UNHEALTHY or UNKNOWN)");
    }
    if (problems.size() > before) {
      return null;
    }
    dev.trellis.proxy.balance.Endpoint endpoint = new dev.trellis.proxy.balance.Endpoint(
        wire.id(), wire.address(), wire.port(), wire.zone(), wire.labels());
    return new RegisteredEndpoint(endpoint, EndpointHealth.valueOf(wire.health().name()));
  }

  /** Whether the policy's document has a {@code spec.loadBalancer} (the record always has one). */
  private static boolean hasLoadBalancerSection(Resource policy) {
    JsonNode spec = policy.document().get("spec");
    return spec != null && spec.has("loadBalancer");
  }

  static BalancerConfig balancerOf(LoadBalancer loadBalancer) {
    return switch (loadBalancer.type()) {
      case PEAK_EWMA -> BalancerConfig.of(BalancerConfig.Kind.PEAK_EWMA);
      case LEAST_REQUEST -> BalancerConfig.of(BalancerConfig.Kind.LEAST_REQUEST);
      case ROUND_ROBIN -> BalancerConfig.of(BalancerConfig.Kind.ROUND_ROBIN);
      case RANDOM -> BalancerConfig.of(BalancerConfig.Kind.RANDOM);
      case CONSISTENT_HASH -> switch (loadBalancer.consistentHash().orElseThrow()) {
        case LoadBalancer.ConsistentHash.Header h ->
            new BalancerConfig(BalancerConfig.Kind.CONSISTENT_HASH, h.name(), null, false);
        case LoadBalancer.ConsistentHash.Cookie c ->
            new BalancerConfig(BalancerConfig.Kind.CONSISTENT_HASH, null, c.name(), false);
        case LoadBalancer.ConsistentHash.SourceIp s ->
            new BalancerConfig(BalancerConfig.Kind.CONSISTENT_HASH, null, null, true);
      };
    };
  }

  /** {@code Service default/catalog}, or {@code resources[3]} when the document says too little. */
  private static String describe(ObjectNode document, int index) {
    String kind = document.path("kind").asText("");
    String name = document.path("metadata").path("name").asText("");
    if (kind.isEmpty() || name.isEmpty()) {
      return "resources[" + index + "]";
    }
    String namespace = document.path("metadata").path("namespace").asText("");
    boolean namespaced = ResourceKind.ofKindName(kind).map(ResourceKind::namespaced).orElse(true);
    if (namespaced && namespace.isEmpty()) {
      namespace = "default";
    }
    return kind + " " + (namespaced ? namespace + "/" : "") + name;
  }

  private static ServiceKey keyOf(Resource service) {
    return new ServiceKey(service.key().namespace(), service.key().name());
  }

  private static List<ServiceKey> union(java.util.Set<ServiceKey> a, java.util.Set<ServiceKey> b) {
    java.util.Set<ServiceKey> all = new java.util.TreeSet<>(SnapshotTranslator::compareKeys);
    all.addAll(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static int compareKeys(ServiceKey a, ServiceKey b) {
    int byNamespace = a.namespace().compareTo(b.namespace());
    return byNamespace != 0 ? byNamespace : a.name().compareTo(b.name());
  }

  private static String text(String value) {
    return value == null ? "missing" : "\"" + value + "\"";
  }
}
