package dev.trellis.proxy.mesh;

/**
 * What the control plane knows about an endpoint's health.
 *
 * <p>{@code UNKNOWN} (not checked yet) receives traffic, as in Envoy: a health check that has not
 * run must not take a freshly started service out of rotation.
 */
public enum EndpointHealth {
  HEALTHY,
  UNHEALTHY,
  UNKNOWN;

  /** True when requests may be sent to an endpoint in this state. */
  public boolean routable() {
    return this != UNHEALTHY;
  }
}
