package dev.trellis.proxy.route;

import dev.trellis.config.route.GrpcMethodMatch;
import dev.trellis.config.route.GrpcRouteMatch;
import dev.trellis.config.route.HeaderMatch;
import java.util.List;

/**
 * One compiled {@link GrpcRouteMatch}: the call's path {@code /service/method} against the method
 * match (exact or regular expression, per part; an absent part matches anything) and its headers.
 *
 * <p>Immutable and thread-safe.
 */
record GrpcMatcher(StringMatcher service, StringMatcher method, List<NamedMatcher> headers)
    implements RequestMatcher {

  static GrpcMatcher compile(GrpcRouteMatch match) {
    StringMatcher service = null;
    StringMatcher method = null;
    if (match.method().isPresent()) {
      GrpcMethodMatch m = match.method().get();
      service = m.service().map(s -> StringMatcher.of(m.type(), s)).orElse(null);
      method = m.method().map(s -> StringMatcher.of(m.type(), s)).orElse(null);
    }
    List<NamedMatcher> headers = match.headers().stream()
        .map((HeaderMatch h) -> new NamedMatcher(h.name(), StringMatcher.of(h.type(), h.value())))
        .toList();
    return new GrpcMatcher(service, method, headers);
  }

  @Override
  public boolean matches(RouteRequest request) {
    if (service != null || method != null) {
      // The request splits its path once; splitting it here would cost two strings per entry.
      String calledService = request.grpcService();
      if (calledService == null) {
        return false;
      }
      if (service != null && !service.matches(calledService)) {
        return false;
      }
      if (method != null && !method.matches(request.grpcMethod())) {
        return false;
      }
    }
    for (NamedMatcher header : headers) {
      if (!header.value().matches(request.headers().get(header.name()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String matchedPrefix() {
    return null;
  }
}
