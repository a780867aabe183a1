package dev.trellis.bench.jmh;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One request of the fixed set a route benchmark cycles through, and where it must end up.
 *
 * @param headers  extra header names and values, alternating
 * @param backends the services the request may be routed to (several for a weighted split);
 *                 empty when no route matches and the proxy answers 404
 */
record CycledRequest(HttpMethod method, String uri, List<String> headers, Set<String> backends) {
  /** Headers every request carries, as a browser or an SDK behind the sidecar sends them. */
  private static final List<String> COMMON = List.of(
      "user-agent", "bookstore-web/1.0",
      "accept", "application/json",
      "x-request-id", "5f8a1c2e-1d3b-4c7e-9a0b-2e6f7d8c9b1a",
      "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

  CycledRequest {
    headers = List.copyOf(headers);
    backends = Set.copyOf(backends);
  }

  /** A GET of {@code uri} that must reach one of {@code backends} (none: a miss). */
  static CycledRequest get(String uri, Set<String> backends, String... headers) {
    return new CycledRequest(HttpMethod.GET, uri, List.of(headers), backends);
  }

  /** A POST of {@code uri} with an empty body that must reach one of {@code backends}. */
  static CycledRequest post(String uri, Set<String> backends, String... headers) {
    return new CycledRequest(HttpMethod.POST, uri, List.of(headers), backends);
  }

  /** A unary gRPC call of {@code path} that must reach one of {@code backends} (none: a miss). */
  static CycledRequest grpc(String path, Set<String> backends, String... headers) {
    List<String> all = new ArrayList<>(List.of(
        "content-type", "application/grpc", "te", "trailers", "grpc-timeout", "5S"));
    all.addAll(List.of(headers));
    return new CycledRequest(HttpMethod.POST, path, all, backends);
  }

  /** This request as a complete HTTP/1.1 message with an empty body, addressed to {@code host}. */
  FullHttpRequest toHttp(String host) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER);
    request.headers().set(HttpHeaderNames.HOST, host);
    for (int i = 0; i < COMMON.size(); i += 2) {
      request.headers().add(COMMON.get(i), COMMON.get(i + 1));
    }
    for (int i = 0; i < headers.size(); i += 2) {
      request.headers().add(headers.get(i), headers.get(i + 1));
    }
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return request;
  }

  /** {@code GET /api/v1/items}, as a failed check names the request. */
  @Override
  public String toString() {
    return method + " " + uri + (headers.isEmpty() ? "" : " " + headers);
  }
}
