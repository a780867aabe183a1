package dev.trellis.proxy.route;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * What route matching looks at in one request: method, path, query parameters and headers. The
 * query is decoded only when a match asks for it.
 *
 * <p>Confined to the exchange's event loop; not thread-safe.
 */
final class RouteRequest {
  private final HttpRequest request;
  private final String path;
  private final String query;
  private Map<String, List<String>> parameters;
  /** Where the path splits into gRPC service and method: 0 before asked, -1 when it does not. */
  private int grpcSlash;
  private String grpcService;
  private String grpcMethod;

  RouteRequest(HttpRequest request) {
    this.request = request;
    String uri = request.uri();
    int q = uri.indexOf('?');
    this.path = q < 0 ? uri : uri.substring(0, q);
    this.query = q < 0 ? "" : uri.substring(q + 1);
  }

  String method() {
    return request.method().name();
  }

  /** The path without the query; "/" when the URI names none. */
  String path() {
    return path.isEmpty() ? "/" : path;
  }

  /** The raw query after "?", empty when there is none. */
  String query() {
    return query;
  }

  HttpHeaders headers() {
    return request.headers();
  }

  /**
   * The service of a gRPC call's path {@code /service/method}, or null when the path is not of
   * that form. Split once per request, however many entries look at it.
   */
  String grpcService() {
    splitGrpcPath();
    return grpcService;
  }

  /** The method of a gRPC call's path {@code /service/method}, or null as for {@link #grpcService}. */
  String grpcMethod() {
    splitGrpcPath();
    return grpcMethod;
  }

  private void splitGrpcPath() {
    if (grpcSlash != 0) {
      return;
    }
    String path = path();
    int slash = path.indexOf('/', 1);
    if (!path.startsWith("/") || slash < 0) {
      grpcSlash = -1;
      return;
    }
    grpcSlash = slash;
    grpcService = path.substring(1, slash);
    grpcMethod = path.substring(slash + 1);
  }

  /** The first value of query parameter {@code name} (names compare exactly), or null. */
  String parameter(String name) {
    if (parameters == null) {
      parameters = new QueryStringDecoder(query, false).parameters();
    }
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
