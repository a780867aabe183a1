package dev.trellis.proxy.inbound;

import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;
import dev.trellis.proxy.outbound.PeerForwarder;

/**
 * Finds which port of the local application an inbound request is for, from the destination
 * header the calling sidecar set ({@code x-trellis-dst: catalog.default:8080}, removed here so
 * the application never sees it), and the protocol the application speaks there.
 *
 * <p>Without the header the service's first HTTP port is used. A port the view does not declare
 * is assumed to speak the local app's fallback protocol, so a sidecar serves its application
 * before its first snapshot arrives.
 */
final class LocalTargetResolver implements HttpService {
  private final MeshView view;
  private final LocalApp app;
  private final HttpService next;

  LocalTargetResolver(MeshView view, LocalApp app, HttpService next) {
    this.view = view;
    this.app = app;
    this.next = next;
  }

  @Override
  public void serve(HttpExchange exchange) {
    String destination = exchange.request().headers().get(PeerForwarder.DESTINATION_HEADER);
    exchange.request().headers().remove(PeerForwarder.DESTINATION_HEADER);
    ServiceView service = view.service(app.service());
    int port = destination == null ? 0 : portOf(destination);
    if (destination != null && port == 0) {
      exchange.fail(ProxyError.malformed(PeerForwarder.DESTINATION_HEADER + ": " + destination));
      return;
    }
    ServicePort servicePort = null;
    if (service != null) {
      servicePort = port == 0 ? service.firstHttpPort() : service.port(port);
    }
    if (servicePort == null) {
      if (port == 0) {
        exchange.fail(ProxyError.noHttpPort(app.service().displayName()));
        return;
      }
      servicePort = new ServicePort(port, app.fallbackProtocol());
    }
    exchange.route(service, servicePort);
    next.serve(exchange);
  }

  private static int portOf(String destination) {
    int colon = destination.lastIndexOf(':');
    try {
      int port = Integer.parseInt(destination.substring(colon + 1).trim());
      return port > 0 && port <= 65535 ? port : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
