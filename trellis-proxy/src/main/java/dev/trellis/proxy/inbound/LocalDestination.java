package dev.trellis.proxy.inbound;

import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.HostNames;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;

/**
 * Decides whether a peer may reach a local port, and what is spoken there. The inbound listener
 * is reachable from other hosts, so it must not become a way into any loopback server of this
 * host (the admin port, a database the application uses): only the ports the local service
 * declares are served.
 *
 * <p>The declared ports come from the current mesh view; while the view does not know the local
 * service yet (before the first snapshot) the ports configured in {@link LocalApp#appPorts()} are
 * served instead, with the application's fallback protocol. The destination host, when named,
 * must be the local service ({@code catalog.default}, case and a trailing dot aside): a request
 * meant for another service reached the wrong sidecar.
 *
 * <p>Stateless and thread-safe; called on event loops, never blocks.
 */
final class LocalDestination {
  private LocalDestination() {}

  /** The port to deliver to, or why not: exactly one of the two is set. */
  record Decision(ServicePort port, ProxyError error) {}

  /**
   * Decides for a destination of {@code host} (null when the caller named none) and {@code port}
   * (0 when the caller named none: the service's first HTTP port).
   */
  static Decision resolve(MeshView view, LocalApp app, String host, int port) {
    String local = app.service().hostName();
    if (host != null && !HostNames.normalize(host).equals(local)) {
      return refused(ProxyError.misdirected(host, local));
    }
    ServiceView service = view.service(app.service());
    if (service == null) {
      // No snapshot names the local service yet: only what the operator configured is served.
      if (port == 0) {
        return refused(ProxyError.noHttpPort(app.service().displayName()));
      }
      if (!app.appPorts().containsKey(port)) {
        return refused(ProxyError.portNotServed(app.service().displayName(), port));
      }
      return new Decision(new ServicePort(port, app.fallbackProtocol()), null);
    }
    ServicePort declared = port == 0 ? service.firstHttpPort() : service.port(port);
    if (declared == null) {
      return refused(
          port == 0
              ? ProxyError.noHttpPort(app.service().displayName())
              : ProxyError.portNotServed(app.service().displayName(), port));
    }
    return new Decision(declared, null);
  }

  private static Decision refused(ProxyError error) {
    return new Decision(null, error);
  }
}
