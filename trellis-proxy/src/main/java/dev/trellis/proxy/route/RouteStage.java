package dev.trellis.proxy.route;

import dev.trellis.config.route.BackendRef;
import dev.trellis.config.route.RouteFilter;
import dev.trellis.proxy.http.ErrorResponses;
import dev.trellis.proxy.http.HttpExchange;
import dev.trellis.proxy.http.HttpService;
import dev.trellis.proxy.http.ProxyError;
import dev.trellis.proxy.mesh.MeshView;
import dev.trellis.proxy.mesh.ServiceKey;
import dev.trellis.proxy.mesh.ServicePort;
import dev.trellis.proxy.mesh.ServiceView;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The outbound stage that applies the routes attached to the resolved service: finds the first
 * matching entry of the service's {@link RouteTable} (gRPC calls use the GRPCRoutes when the port
 * has any, else the HTTPRoutes), runs the rule's filters, draws a backend by weight and re-routes
 * the exchange to that backend service, whose balancer then picks the endpoint.
 *
 * <p>A service (or port) without routes passes through untouched. Answers: 404 when routes exist
 * but none matches, 3xx for a redirect (nothing is sent upstream), 500 when the rule has no
 * backend of weight above 0 or the backend is unknown or has no HTTP port, 503 when the backend
 * has no healthy endpoint, 504 when the rule's {@code timeouts.request} passes before the response
 * starts. The backend port is the backendRef's, else the port the request was for; a port the
 * backend does not declare falls back to its first HTTP port, as the resolver does.
 *
 * <p>Built per mesh view; runs on the exchange's event loop, holds no mutable state.
 */
public final class RouteStage implements HttpService {
  private final MeshView view;
  private final HttpService next;

  public RouteStage(MeshView view, HttpService next) {
    this.view = view;
    this.next = next;
  }

  @Override
  public void serve(HttpExchange exchange) {
    ServiceView parent = exchange.service();
    RouteTable table = view.routes(parent.key());
    int requestPort = exchange.servicePort().port();
    HttpRequest request = exchange.request();
    List<RouteEntry> entries = List.of();
    if (ErrorResponses.isGrpc(request)) {
      entries = table.grpc(requestPort);
    }
    if (entries.isEmpty()) {
      entries = table.http(requestPort);
    }
    if (entries.isEmpty()) {
      next.serve(exchange);
      return;
    }
    RouteRequest seen = new RouteRequest(request);
    RouteEntry hit = firstMatch(entries, seen);
    if (hit == null) {
      exchange.fail(RouteErrors.noRouteMatched(parent.key().displayName(), seen.method(), seen.path()));
      return;
    }
    CompiledRule rule = hit.rule();
    exchange.routeName(rule.route());
    String prefix = hit.matcher().matchedPrefix();
    if (!applyFilters(rule.filters(), exchange, seen, prefix)) {
      return;
    }
    BackendRef backend = rule.backends().pick();
    if (backend == null) {
      exchange.fail(RouteErrors.noBackend(rule));
      return;
    }
    applyFilters(backend.filters(), exchange, seen, prefix);
    ServiceKey backendKey = new ServiceKey(backend.namespace(), backend.name());
    ServiceView target = view.service(backendKey);
    if (target == null) {
      exchange.fail(RouteErrors.unknownBackend(rule, backendKey.displayName()));
      return;
    }
    ServicePort port = target.port(backend.port().orElse(requestPort));
    if (port == null || !port.protocol().isHttp()) {
      port = target.firstHttpPort();
    }
    if (port == null) {
      exchange.fail(RouteErrors.noHttpPort(rule, backendKey.displayName()));
      return;
    }
    if (target.routableEndpoints() == 0) {
      exchange.fail(RouteErrors.noHealthyEndpoint(
          rule, backendKey.displayName(), target.registeredEndpoints(), target.routableEndpoints()));
      return;
    }
    exchange.route(target, port);
    if (rule.timeout() != null) {
      startTimer(exchange, rule, rule.timeout());
    }
    next.serve(exchange);
  }

  private static RouteEntry firstMatch(List<RouteEntry> entries, RouteRequest seen) {
    for (RouteEntry entry : entries) {
      if (entry.matcher().matches(seen)) {
        return entry;
      }
    }
    return null;
  }

  /** Runs {@code filters} in order; false when one answered the request itself (a redirect). */
  private static boolean applyFilters(
      List<RouteFilter> filters, HttpExchange exchange, RouteRequest seen, String prefix) {
    for (RouteFilter filter : filters) {
      switch (filter) {
        case RouteFilter.RequestHeaderModifier m -> HeaderEditor.apply(m.edits(), exchange.request().headers());
        case RouteFilter.ResponseHeaderModifier m ->
            exchange.onResponseHead(response -> HeaderEditor.apply(m.edits(), response.headers()));
        case RouteFilter.UrlRewrite rewrite -> PathRewrites.rewrite(exchange.request(), rewrite, seen, prefix);
        case RouteFilter.RequestRedirect redirect -> {
          exchange.respond(PathRewrites.redirect(redirect, seen, prefix));
          return false;
        }
        case RouteFilter.RequestMirror mirror -> {
          // Dropped when the table was built; kept here so the switch stays exhaustive.
        }
      }
    }
    return true;
  }

  /** The rule's whole-request timeout: 504 unless the response has started by then. */
  private static void startTimer(HttpExchange exchange, CompiledRule rule, Duration timeout) {
    ScheduledFuture<?> timer = exchange.eventLoop().schedule(
        () -> {
          if (!exchange.responseStarted()) {
            String where = exchange.target().isEmpty()
                ? exchange.service().key().displayName()
                : exchange.target();
            exchange.fail(ProxyError.requestTimeout(where + " (" + rule.describe() + ")", timeout));
          }
        },
        timeout.toNanos(),
        TimeUnit.NANOSECONDS);
    exchange.onFinish(done -> timer.cancel(false));
  }
}
