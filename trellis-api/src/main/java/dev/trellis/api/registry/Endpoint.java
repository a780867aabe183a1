package dev.trellis.api.registry;

import java.time.Instant;
import java.util.Map;

/**
 * One registered instance as proxies and operators see it.
 *
 * <p>In snapshots {@code healthDetail} and {@code registeredAt} are null (and left out of the
 * JSON): they change without changing where traffic may go, so they are not part of what a
 * proxy is sent.
 *
 * @param healthDetail the last check's outcome in words, e.g. {@code GET /healthz: 503}, or empty
 */
public record Endpoint(
    String id, String address, int port, Map<String, String> labels, String zone,
    Health health, String healthDetail, Instant registeredAt) {

  public Endpoint {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    zone = zone == null ? "" : zone;
  }
}
