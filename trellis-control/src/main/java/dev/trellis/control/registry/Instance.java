package dev.trellis.control.registry;

import dev.trellis.api.registry.Endpoint;
import dev.trellis.api.registry.Health;
import java.time.Instant;
import java.util.Map;

/**
 * One registered instance as the control plane stores it (its lease deadline is kept apart, in
 * memory only, since heartbeats are not worth a disk write).
 *
 * @param healthDetail the last check's outcome in words, or empty
 */
public record Instance(
    String id, String service, String namespace, String address, int port, int healthPort,
    Map<String, String> labels, String zone, int leaseSeconds, Instant registeredAt,
    Health health, String healthDetail) {

  public Instance {
    labels = Map.copyOf(labels);
    healthDetail = healthDetail == null ? "" : healthDetail;
  }

  /** {@code namespace/service}, the key endpoints are grouped under in snapshots. */
  public String serviceKey() {
    return namespace + "/" + service;
  }

  public Instance withHealth(Health newHealth, String detail) {
    return new Instance(id, service, namespace, address, port, healthPort, labels, zone,
        leaseSeconds, registeredAt, newHealth, detail);
  }

  /** The port active health checks connect to: the registered health port, else the port. */
  public int checkPort() {
    return healthPort > 0 ? healthPort : port;
  }

  /** As operators see it, with the health detail and registration time. */
  public Endpoint toEndpoint() {
    return new Endpoint(id, address, port, labels, zone, health, healthDetail, registeredAt);
  }

  /** As proxies are sent it: only what decides where traffic goes. */
  public Endpoint toSnapshotEndpoint() {
    return new Endpoint(id, address, port, labels, zone, health, null, null);
  }
}
