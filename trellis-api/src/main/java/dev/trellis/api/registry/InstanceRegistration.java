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
 * @param healthPort   where active health checks connect on {@code address}, when not
 *                     {@code port}: a sidecar registers its inbound port, which peers use, and the
 *                     application's own port here; 0 means {@code port}
 */
public record InstanceRegistration(
    String service, String namespace, String address, int port,
    Map<String, String> labels, String zone, int leaseSeconds, int healthPort) {

  public static final int DEFAULT_LEASE_SECONDS = 15;

  public InstanceRegistration {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(address, "address");
    namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    zone = zone == null ? "" : zone;
    leaseSeconds = leaseSeconds == 0 ? DEFAULT_LEASE_SECONDS : leaseSeconds;
  }

  /** A registration whose health checks connect to {@code port} itself. */
  public InstanceRegistration(String service, String namespace, String address, int port,
      Map<String, String> labels, String zone, int leaseSeconds) {
    this(service, namespace, address, port, labels, zone, leaseSeconds, 0);
  }

  /** A registration with no labels, no zone and the default lease. */
  public static InstanceRegistration of(String service, String address, int port) {
    return new InstanceRegistration(service, "default", address, port, Map.of(), "", 0, 0);
  }
}
