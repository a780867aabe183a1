package dev.trellis.proxy.mesh;

/**
 * Told when the application asks for a service the mesh view does not know, so that the proxy's
 * link to the control plane can start watching it (discovery on demand, as Linkerd and Envoy's
 * on-demand CDS do). The request itself is still answered "unknown service"; the ones after the
 * next snapshot find the service.
 *
 * <p>Threading: called on an event loop, possibly many times for the same service; must return
 * at once and never block.
 */
@FunctionalInterface
public interface MissingServiceListener {
  /** Ignores every missing service. */
  MissingServiceListener NONE = service -> {};

  void missing(ServiceKey service);
}
