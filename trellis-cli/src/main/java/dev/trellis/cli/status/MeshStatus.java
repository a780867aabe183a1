package dev.trellis.cli.status;

import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.EndpointsView;
import dev.trellis.api.registry.Health;
import dev.trellis.api.registry.ServiceEndpoints;
import dev.trellis.api.watch.ProxyList;
import dev.trellis.api.watch.ProxyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code trellis status} shows: the registry's services and instances with their health, and
 * every proxy's sync state, taken from one control plane at about one moment. Immutable; printed
 * as a table or as JSON/YAML in exactly this shape.
 *
 * @param control the control plane's URL
 * @param version the control plane's version when the proxies were read
 */
public record MeshStatus(String control, long version, List<ServiceStatus> services, List<ProxyRow> proxies) {

  public MeshStatus {
    services = List.copyOf(services);
    proxies = List.copyOf(proxies);
  }

  /** One service: its instances and how many are healthy. */
  public record ServiceStatus(String namespace, String service, int healthy, List<InstanceStatus> instances) {
    public ServiceStatus {
      instances = List.copyOf(instances);
    }
  }

  /** One registered instance. */
  public record InstanceStatus(String id, String address, int port, Health health, String healthDetail,
      Map<String, String> labels, String zone, Instant registeredAt) {}

  /** One proxy's watch, with its sync state. */
  public record ProxyRow(String node, String namespace, String service, List<String> upstreams,
      boolean connected, ProxySync sync, long lastSentVersion, long lastAckedVersion,
      long lastNackedVersion, String lastNackError, Instant since) {}

  /** Joins what {@code GET /v1/endpoints} and {@code GET /v1/proxies} said. */
  public static MeshStatus of(String control, EndpointsView endpoints, ProxyList proxies) {
    List<ServiceStatus> services = endpoints.services().stream().map(MeshStatus::service).toList();
    List<ProxyRow> rows = proxies.proxies().stream().map(MeshStatus::proxy).toList();
    return new MeshStatus(control, Math.max(endpoints.version(), proxies.version()), services, rows);
  }

  private static ServiceStatus service(ServiceEndpoints service) {
    List<InstanceStatus> instances = service.endpoints().stream().map(MeshStatus::instance).toList();
    int healthy = (int) instances.stream().filter(i -> i.health() == Health.HEALTHY).count();
    return new ServiceStatus(service.namespace(), service.service(), healthy, instances);
  }

  private static InstanceStatus instance(Endpoint endpoint) {
    return new InstanceStatus(endpoint.id(), endpoint.address(), endpoint.port(), endpoint.health(),
        endpoint.healthDetail() == null ? "" : endpoint.healthDetail(), endpoint.labels(), endpoint.zone(),
        endpoint.registeredAt());
  }

  private static ProxyRow proxy(ProxyStatus proxy) {
    return new ProxyRow(proxy.node(), proxy.namespace(), proxy.service(), proxy.upstreams(),
        proxy.connected(), ProxySync.of(proxy), proxy.lastSentVersion(), proxy.lastAckedVersion(),
        proxy.lastNackedVersion(), proxy.lastNackError(), proxy.since());
  }

  /** True when every instance is healthy and every connected proxy runs its last snapshot. */
  public boolean allHealthyAndInSync() {
    return services.stream().allMatch(s -> s.healthy() == s.instances().size())
        && proxies.stream().filter(ProxyRow::connected).allMatch(p -> p.sync() == ProxySync.IN_SYNC);
  }
}
