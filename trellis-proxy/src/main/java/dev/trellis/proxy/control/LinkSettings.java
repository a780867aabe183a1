package dev.trellis.proxy.control;

import dev.trellis.api.client.Backoff;
import dev.trellis.api.registry.InstanceRegistration;
import dev.trellis.proxy.mesh.ServiceKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a sidecar joins the mesh: who it is, what it calls, where it caches, how it retries.
 *
 * @param service      the service the sidecar sits beside
 * @param node         the name the control plane knows this proxy by (unique in the mesh), e.g.
 *                     {@code web-127.0.0.1-41235}
 * @param upstreams    the services it calls, watched from the start
 * @param labels       instance labels to register
 * @param zone         locality zone to register, empty when unknown
 * @param leaseSeconds the registration lease; heartbeats go at a third of it
 * @param dataDir      where the snapshot cache lives
 * @param backoff      how reconnects and registration retries are spaced
 * @param healthPort   the application's own port, registered for the control plane's active
 *                     health checks (peers reach the sidecar's inbound port instead); 0 when none
 */
public record LinkSettings(
    ServiceKey service, String node, List<ServiceKey> upstreams, Map<String, String> labels,
    String zone, int leaseSeconds, Path dataDir, Backoff backoff, int healthPort) {

  public LinkSettings {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(node, "node");
    upstreams = List.copyOf(upstreams);
    labels = Map.copyOf(labels);
    zone = zone == null ? "" : zone;
    if (leaseSeconds < 1 || leaseSeconds > 3600) {
      throw new IllegalArgumentException("leaseSeconds: " + leaseSeconds + " (expected: 1..3600)");
    }
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(backoff, "backoff");
    if (healthPort < 0 || healthPort > 65535) {
      throw new IllegalArgumentException("healthPort: " + healthPort + " (expected: 0..65535)");
    }
  }

  /** No labels, no zone, the default lease and backoff. */
  public static LinkSettings of(ServiceKey service, String node, List<ServiceKey> upstreams, Path dataDir) {
    return new LinkSettings(service, node, upstreams, Map.of(), "",
        InstanceRegistration.DEFAULT_LEASE_SECONDS, dataDir, Backoff.defaults(), 0);
  }

  public LinkSettings withBackoff(Backoff newBackoff) {
    return new LinkSettings(service, node, upstreams, labels, zone, leaseSeconds, dataDir, newBackoff,
        healthPort);
  }

  public LinkSettings withLease(int seconds) {
    return new LinkSettings(service, node, upstreams, labels, zone, seconds, dataDir, backoff,
        healthPort);
  }

  public LinkSettings withPlacement(Map<String, String> newLabels, String newZone) {
    return new LinkSettings(service, node, upstreams, newLabels, newZone, leaseSeconds, dataDir,
        backoff, healthPort);
  }

  public LinkSettings withHealthPort(int port) {
    return new LinkSettings(service, node, upstreams, labels, zone, leaseSeconds, dataDir, backoff,
        port);
  }
}
