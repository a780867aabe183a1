package dev.trellis.api.registry;

/**
 * Whether an endpoint should receive traffic, as the control plane sees it.
 *
 * <p>{@code UNKNOWN} means an active health check is configured but has not decided yet; like
 * Envoy's default, proxies may route to such an endpoint. Services without a health check are
 * {@code HEALTHY} while their lease lives.
 */
public enum Health {
  HEALTHY,
  UNHEALTHY,
  UNKNOWN
}
