package dev.trellis.api.registry;

import java.util.Map;
import java.util.Objects;

/**
 * A sidecar announcing one instance of a service: where it listens and how long its lease lasts.
 *
 * @param namespace    {@code default} when null
 * @param labels       free-form, never null after construction
 * @param zone         empty when unknown
 * @param leaseSeconds how long the registration lives without a heartbeat; 15 when 0
 */
public record InstanceRegistration(
    String service, String namespace, String address, int port,
    Map<String, String> labels, String zone, int leaseSeconds) {

  public static final int DEFAULT_LEASE_SECONDS = 15;

  public InstanceRegistration {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(address, "address");
    namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    zone = zone == null ? "" : zone;
    leaseSeconds = leaseSeconds == 0 ? DEFAULT_LEASE_SECONDS : leaseSeconds;
  }

  /** A registration with no labels, no zone and the default lease. */
  public static InstanceRegistration of(String service, String address, int port) {
    return new InstanceRegistration(service, "default", address, port, Map.of(), "", 0);
  }
}
