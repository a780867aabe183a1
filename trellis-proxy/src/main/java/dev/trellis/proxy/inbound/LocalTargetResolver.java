package dev.trellis.proxy.inbound;

import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.outbound.PeerForwarder;

/**
 * Finds which port of the local application an inbound request is for, from the destination
 * header the calling sidecar set ({@code x-trellis-dst: catalog.default:8080}, removed here so
 * the application never sees it), and the protocol the application speaks there.
 *
 * <p>Without the header the service's first HTTP port is used. Only ports the local service
 * declares are served, and only for the local service's name: see {@link LocalDestination} (403
 * for another port, 421 for another service).
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
    String destination = exchange.request().headers().get(PeerForwarder.DESTINATION_HEADER_NAME);
    exchange.request().headers().remove(PeerForwarder.DESTINATION_HEADER_NAME);
    String host = null;
    int port = 0;
    if (destination != null) {
      int colon = destination.lastIndexOf(':');
      port = colon <= 0 ? 0 : portOf(destination.substring(colon + 1));
      if (port == 0) {
        exchange.fail(ProxyError.malformed(PeerForwarder.DESTINATION_HEADER + ": " + destination));
        return;
      }
      host = destination.substring(0, colon).trim();
    }
    LocalDestination.Decision decision = LocalDestination.resolve(view, app, host, port);
    if (decision.error() != null) {
      exchange.fail(decision.error());
      return;
    }
    exchange.route(view.service(app.service()), decision.port());
    next.serve(exchange);
  }

  private static int portOf(String digits) {
    try {
      int port = Integer.parseInt(digits.trim());
      return port > 0 && port <= 65535 ? port : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
