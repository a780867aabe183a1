package dev.trellis.proxy.outbound;

import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.http.RouteTarget;
import dev.trellis.proxy.mesh.HostNames;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.MissingServiceListener;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Finds the service a request is for: the listener's fixed target (an upstream port), else the
 * authority of an absolute-form URI ({@code GET http://catalog/x}, an app using the proxy as
 * {@code HTTP_PROXY}), else the {@code Host} header. Absolute-form is rewritten to origin-form.
 *
 * <p>Names accepted: {@code catalog}, {@code catalog.ns}, {@code catalog.ns.svc} and
 * {@code catalog.ns.svc.<anything>} (the cluster domain), each with an optional {@code :port}; a
 * name without a namespace is looked up in the proxy's own namespace. A port the service does
 * not declare (such as the default {@code :80}) falls back to its first HTTP port.
 *
 * <p>Answers 400 when the request names no host, 404 when the mesh view has no such service or
 * the service has no HTTP port.
 */
final class ServiceResolver implements HttpService {
  private final MeshView view;
  private final String defaultNamespace;
  private final MissingServiceListener missingServices;
  private final HttpService next;

  ServiceResolver(MeshView view, String defaultNamespace, MissingServiceListener missingServices,
      HttpService next) {
    this.view = view;
    this.defaultNamespace = defaultNamespace;
    this.missingServices = missingServices;
    this.next = next;
  }

  @Override
  public void serve(HttpExchange exchange) {
    RouteTarget preset = exchange.preset();
    ServiceKey key;
    int port;
    String asked;
    if (preset != null) {
      key = preset.service();
      port = preset.port();
      asked = key.displayName();
    } else {
      String authority = authorityOf(exchange.request());
      if (authority == null || authority.isEmpty()) {
        exchange.fail(ProxyError.malformed("no Host header and no absolute URI"));
        return;
      }
      int colon = authority.lastIndexOf(':');
      String host = authority;
      port = 0;
      if (colon > 0 && authority.indexOf(']') < colon) {
        host = authority.substring(0, colon);
        port = parsePort(authority.substring(colon + 1));
      }
      asked = host;
      key = keyOf(host);
    }
    ServiceView service = key == null ? null : view.service(key);
    if (service == null) {
      if (key != null) {
        missingServices.missing(key); // so that the next snapshot may bring it
      }
      exchange.fail(ProxyError.unknownService(asked));
      return;
    }
    ServicePort servicePort = port == 0 ? null : service.port(port);
    if (servicePort == null || !servicePort.protocol().isHttp()) {
      servicePort = service.firstHttpPort();
    }
    if (servicePort == null) {
      exchange.fail(ProxyError.noHttpPort(service.key().displayName()));
      return;
    }
    exchange.route(service, servicePort);
    next.serve(exchange);
  }

  /** The authority of the request; turns an absolute-form URI into origin-form on the way. */
  private static String authorityOf(HttpRequest request) {
    String uri = request.uri();
    int schemeEnd = uri.indexOf("://");
    if (schemeEnd > 0 && uri.charAt(0) != '/') {
      int authorityStart = schemeEnd + 3;
      int pathStart = uri.indexOf('/', authorityStart);
      int queryStart = uri.indexOf('?', authorityStart);
      int end = pathStart < 0 ? (queryStart < 0 ? uri.length() : queryStart) : pathStart;
      if (queryStart >= 0 && queryStart < end) {
        end = queryStart;
      }
      String authority = uri.substring(authorityStart, end);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        authority = authority.substring(at + 1); // userinfo is not forwarded
      }
      String rest = uri.substring(end);
      request.setUri(rest.isEmpty() ? "/" : rest.charAt(0) == '?' ? "/" + rest : rest);
      request.headers().set(HttpHeaderNames.HOST, authority);
      return authority;
    }
    return request.headers().get(HttpHeaderNames.HOST);
  }

  /** The service a host names; DNS names match whatever their case and a trailing dot. */
  private ServiceKey keyOf(String host) {
    String[] labels = HostNames.normalize(host).split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty()) {
        return null;
      }
    }
    if (labels.length == 1) {
      return new ServiceKey(defaultNamespace, labels[0]);
    }
    if (labels.length == 2 || labels[2].equals("svc")) {
      return new ServiceKey(labels[1], labels[0]);
    }
    return null;
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port > 0 && port <= 65535 ? port : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
