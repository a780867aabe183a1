package dev.trellis.proxy.route;

import dev.trellis.proxy.http.ProxyError;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The proxy's answers when routing fails, each naming the route and backend concerned. */
final class RouteErrors {
  private RouteErrors() {}

  /** 404, as the Gateway API says: the parent has routes, but none matches the request. */
  static ProxyError noRouteMatched(String service, String method, String path) {
    return new ProxyError(
        HttpResponseStatus.NOT_FOUND, "no route matched: " + service + " " + method + " " + path);
  }

  /** 500: the matched rule has no backend with a weight above 0. */
  static ProxyError noBackend(CompiledRule rule) {
    return new ProxyError(
        HttpResponseStatus.INTERNAL_SERVER_ERROR, "no backend: " + rule.describe() + " has no backend with weight > 0");
  }

  /** 500: the drawn backend is a service the proxy does not know. */
  static ProxyError unknownBackend(CompiledRule rule, String backend) {
    return new ProxyError(
        HttpResponseStatus.INTERNAL_SERVER_ERROR, "unknown backend: " + backend + " (" + rule.describe() + ")");
  }

  /** 500: the drawn backend declares no HTTP port. */
  static ProxyError noHttpPort(CompiledRule rule, String backend) {
    return new ProxyError(
        HttpResponseStatus.INTERNAL_SERVER_ERROR, "no http port: " + backend + " (" + rule.describe() + ")");
  }

  /** 503: the drawn backend has no endpoint to send to. */
  static ProxyError noHealthyEndpoint(CompiledRule rule, String backend, int registered, int routable) {
    return new ProxyError(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        "no healthy endpoint: " + backend + " (" + registered + " registered, " + routable + " healthy; "
            + rule.describe() + ")");
  }
}
