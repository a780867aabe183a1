package dev.trellis.control.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Matches a request's method and path against routes such as
 * {@code GET /v1/resources/{kind}/{name}} and calls the first that fits.
 *
 * <p>No match is a 404; a path that matches under another method is a 405. Built once at start,
 * immutable afterwards, thread-safe.
 */
public final class Router {
  private record Route(String method, String[] segments,
      Function<ApiRequest, CompletableFuture<ApiResponse>> handler) {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route; {@code pattern} segments in braces bind path parameters. */
  public Router add(String method, String pattern,
      Function<ApiRequest, CompletableFuture<ApiResponse>> handler) {
    routes.add(new Route(method, split(pattern), handler));
    return this;
  }

  public CompletableFuture<ApiResponse> route(ApiRequest request) {
    String[] segments = split(request.path());
    boolean pathMatched = false;
    for (Route route : routes) {
      Map<String, String> params = match(route.segments(), segments);
      if (params == null) {
        continue;
      }
      pathMatched = true;
      if (route.method().equals(request.method())) {
        return route.handler().apply(request.withPathParams(params));
      }
    }
    return CompletableFuture.completedFuture(pathMatched
        ? ApiResponse.error(405, request.method() + " not allowed on " + request.path(), List.of())
        : ApiResponse.error(404, "no such endpoint: " + request.path(), List.of()));
  }

  private static Map<String, String> match(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
        params.put(pattern[i].substring(1, pattern[i].length() - 1), path[i]);
      } else if (!pattern[i].equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
