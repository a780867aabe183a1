package dev.trellis.proxy.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.config.ConfigError;
import dev.trellis.config.ConfigException;
import dev.trellis.config.ConfigLoader;
import dev.trellis.config.Resource;
import dev.trellis.config.ResourceKind;
import dev.trellis.config.policy.LoadBalancer;
import dev.trellis.config.policy.TrafficPolicySpec;
import dev.trellis.config.service.ServiceSpec;
import dev.trellis.proxy.balance.BalancerConfig;
import dev.trellis.proxy.balance.Endpoint;
import dev.trellis.proxy.mesh.AppProtocol;
import dev.trellis.proxy.mesh.EndpointHealth;
import dev.trellis.proxy.mesh.RegisteredEndpoint;
import dev.trellis.proxy.mesh.ServiceDefinition;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a control-plane snapshot message ({@code {"version":N,"resources":[...],
 * "endpoints":{"ns/svc":[...]}}}, see docs/control-api.md) into a {@link MeshSnapshot}: the
 * boundary where wire types stop; nothing past it sees JSON or config documents.
 *
 * <p>Every resource is validated with {@link ConfigLoader#fromDocument}, and every endpoint
 * checked; all errors are reported together in the configuration error format
 * ({@code snapshot 42: endpoints["default/catalog"][0].port: 0 (expected: 1..65535)}), which is
 * what the proxy sends back in its nack. A snapshot is taken whole or not at all.
 *
 * <p>Each {@code Service} becomes a {@link ServiceDefinition} with its endpoints and the load
 * balancer of the {@code TrafficPolicy} targeting it (the first by name when several do; default
 * peak-EWMA when none does). Endpoints listed for a service the snapshot does not declare are
 * ignored: without ports nothing could be sent to them. Stateless and thread-safe.
 */
public final class SnapshotTranslator {
  private SnapshotTranslator() {}

  public static MeshSnapshot translate(JsonNode message) throws ConfigException {
    JsonNode versionNode = message.path("version");
    String source = "snapshot " + (versionNode.isIntegralNumber() ? versionNode.asLong() : "?");
    List<ConfigError> errors = new ArrayList<>();
    if (!versionNode.isIntegralNumber() || versionNode.asLong() < 0) {
      errors.add(new ConfigError(source, 0, "version", text(versionNode), "an integer >= 0"));
    }
    Map<ServiceKey, ServiceSpec> services = new LinkedHashMap<>();
    Map<ServiceKey, Resource> policies = new HashMap<>();
    JsonNode resources = message.path("resources");
    if (!resources.isArray() && !resources.isMissingNode()) {
      errors.add(new ConfigError(source, 0, "resources", text(resources), "an array of documents"));
    }
    for (int i = 0; i < resources.size(); i++) {
      try {
        Resource resource = ConfigLoader.fromDocument(source + " resources[" + i + "]", resources.get(i));
        ServiceKey key = new ServiceKey(resource.key().namespace(), resource.key().name());
        if (resource.kind() == ResourceKind.SERVICE) {
          services.put(key, resource.spec(ServiceSpec.class));
        } else if (resource.kind() == ResourceKind.TRAFFIC_POLICY) {
          TrafficPolicySpec policy = resource.spec(TrafficPolicySpec.class);
          if (policy.targetRef().kind() == ResourceKind.SERVICE) {
            ServiceKey target = new ServiceKey(resource.key().namespace(), policy.targetRef().name());
            policies.merge(target, resource, SnapshotTranslator::firstByName);
          }
        }
      } catch (ConfigException e) {
        errors.addAll(e.errors());
      }
    }
    Map<ServiceKey, List<RegisteredEndpoint>> endpoints = EndpointReader.read(source, message.path("endpoints"), errors);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    List<ServiceDefinition> definitions = new ArrayList<>();
    services.forEach(
        (key, spec) -> {
          Resource policy = policies.get(key);
          BalancerConfig balancer =
              policy == null
                  ? BalancerConfig.DEFAULT
                  : balancerOf(policy.spec(TrafficPolicySpec.class).loadBalancer());
          definitions.add(
              new ServiceDefinition(key, portsOf(spec), endpoints.getOrDefault(key, List.of()), balancer));
        });
    return new MeshSnapshot(versionNode.asLong(), definitions);
  }

  private static Resource firstByName(Resource a, Resource b) {
    return Comparator.comparing((Resource r) -> r.key().name()).compare(a, b) <= 0 ? a : b;
  }

  private static List<ServicePort> portsOf(ServiceSpec spec) {
    List<ServicePort> ports = new ArrayList<>();
    for (dev.trellis.config.service.ServicePort port : spec.ports()) {
      ports.add(new ServicePort(port.port(), AppProtocol.parse(port.appProtocol().wireName())));
    }
    return ports;
  }

  static BalancerConfig balancerOf(LoadBalancer lb) {
    BalancerConfig.Kind kind =
        switch (lb.type()) {
          case PEAK_EWMA -> BalancerConfig.Kind.PEAK_EWMA;
          case LEAST_REQUEST -> BalancerConfig.Kind.LEAST_REQUEST;
          case ROUND_ROBIN -> BalancerConfig.Kind.ROUND_ROBIN;
          case RANDOM -> BalancerConfig.Kind.RANDOM;
          case CONSISTENT_HASH -> BalancerConfig.Kind.CONSISTENT_HASH;
        };
    String header = null;
    String cookie = null;
    boolean sourceIp = false;
    if (lb.consistentHash().isPresent()) {
      switch (lb.consistentHash().get()) {
        case LoadBalancer.ConsistentHash.Header h -> header = h.name().toLowerCase(Locale.ROOT);
        case LoadBalancer.ConsistentHash.Cookie c -> cookie = c.name();
        case LoadBalancer.ConsistentHash.SourceIp s -> sourceIp = true;
      }
    }
    return new BalancerConfig(kind, header, cookie, sourceIp);
  }

  static String text(JsonNode node) {
    return node.isMissingNode() ? "" : node.toString();
  }

  /** Reads the {@code endpoints} object, adding an error per bad field. */
  private static final class EndpointReader {
    static Map<ServiceKey, List<RegisteredEndpoint>> read(String source, JsonNode node, List<ConfigError> errors) {
      Map<ServiceKey, List<RegisteredEndpoint>> result = new HashMap<>();
      if (node.isMissingNode()) {
        return result;
      }
      if (!node.isObject()) {
        errors.add(new ConfigError(source, 0, "endpoints", text(node), "an object of \"namespace/service\": [endpoints]"));
        return result;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String base = "endpoints[\"" + entry.getKey() + "\"]";
        int slash = entry.getKey().indexOf('/');
        if (slash <= 0 || slash == entry.getKey().length() - 1) {
          errors.add(new ConfigError(source, 0, base, entry.getKey(), "a key \"namespace/service\""));
          continue;
        }
        ServiceKey key = new ServiceKey(entry.getKey().substring(0, slash), entry.getKey().substring(slash + 1));
        List<RegisteredEndpoint> list = new ArrayList<>();
        JsonNode array = entry.getValue();
        if (!array.isArray()) {
          errors.add(new ConfigError(source, 0, base, text(array), "an array of endpoints"));
          continue;
        }
        for (int i = 0; i < array.size(); i++) {
          RegisteredEndpoint endpoint = endpoint(source, base + "[" + i + "]", array.get(i), errors);
          if (endpoint != null) {
            list.add(endpoint);
          }
        }
        result.put(key, list);
      }
      return result;
    }

    private static RegisteredEndpoint endpoint(String source, String path, JsonNode node, List<ConfigError> errors) {
      int before = errors.size();
      String id = node.path("id").asText("");
      if (id.isEmpty()) {
        errors.add(new ConfigError(source, 0, path + ".id", text(node.path("id")), "a non-empty string"));
      }
      String address = node.path("address").asText("");
      if (address.isEmpty()) {
        errors.add(new ConfigError(source, 0, path + ".address", text(node.path("address")), "an IP address"));
      }
      JsonNode portNode = node.path("port");
      int port = portNode.isIntegralNumber() ? portNode.asInt() : 0;
      if (port < 1 || port > 65535) {
        errors.add(new ConfigError(source, 0, path + ".port", text(portNode), "1..65535"));
      }
      EndpointHealth health = EndpointHealth.UNKNOWN;
      JsonNode healthNode = node.path("health");
      if (!healthNode.isMissingNode()) {
        try {
          health = EndpointHealth.valueOf(healthNode.asText());
        } catch (IllegalArgumentException e) {
          errors.add(new ConfigError(source, 0, path + ".health", text(healthNode), "HEALTHY, UNHEALTHY or UNKNOWN"));
        }
      }
      Map<String, String> labels = new LinkedHashMap<>();
      node.path("labels").fields().forEachRemaining(l -> labels.put(l.getKey(), l.getValue().asText()));
      if (errors.size() > before) {
        return null;
      }
      return new RegisteredEndpoint(
          new Endpoint(id, address, port, node.path("zone").asText(""), labels), health);
    }
  }
}
