package dev.trellis.proxy.route;

import dev.trellis.config.route.PathModifier;
import dev.trellis.config.route.RouteFilter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.Unpooled;

/**
 * Path and host changes of {@code URLRewrite} and {@code RequestRedirect}: the new path (the query
 * is always kept), the rewritten request, and the redirect response.
 */
final class PathRewrites {
  private PathRewrites() {}

  /**
   * {@code path} changed by {@code modifier}. {@code ReplacePrefixMatch} replaces the matched
   * {@code prefix} (segment-wise: {@code /v2} to {@code /} turns {@code /v2/items} into
   * {@code /items}); with no prefix known (a regular expression match) the path is kept.
   */
  static String modify(String path, PathModifier modifier, String prefix) {
    if (modifier.type() == PathModifier.Type.REPLACE_FULL_PATH) {
      return modifier.value();
    }
    if (prefix == null || !path.startsWith(prefix)) {
      return path;
    }
    String rest = prefix.equals("/") ? path.substring(1) : path.substring(prefix.length());
    String replacement = modifier.value();
    if (replacement.endsWith("/") && rest.startsWith("/")) {
      rest = rest.substring(1);
    } else if (!replacement.endsWith("/") && !rest.isEmpty() && !rest.startsWith("/")) {
      rest = "/" + rest;
    }
    String result = replacement + rest;
    return result.isEmpty() ? "/" : result;
  }

  /** Applies a {@code URLRewrite} to the request head in place. */
  static void rewrite(HttpRequest request, RouteFilter.UrlRewrite rewrite, RouteRequest seen,
      String prefix) {
    rewrite.hostname().ifPresent(host -> request.headers().set(HttpHeaderNames.HOST, host));
    rewrite.path().ifPresent(modifier -> {
      String path = modify(seen.path(), modifier, prefix);
      request.setUri(seen.query().isEmpty() ? path : path + "?" + seen.query());
    });
  }

  /**
   * The redirect answering {@code seen}: {@code Location} built from the filter's fields, each
   * missing one taken from the request (scheme {@code http}, the {@code Host} header's name and
   * port). A well-known port (80 for http, 443 for https) is left out, and so is the request's
   * port when the filter changes the scheme.
   */
  static FullHttpResponse redirect(RouteFilter.RequestRedirect filter, RouteRequest seen,
      String prefix) {
    String host = seen.headers().get(HttpHeaderNames.HOST, "");
    int requestPort = -1;
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.indexOf(']') < colon) {
      try {
        requestPort = Integer.parseInt(host.substring(colon + 1));
      } catch (NumberFormatException e) {
        requestPort = -1;
      }
      host = host.substring(0, colon);
    }
    String scheme = filter.scheme().orElse("http");
    String hostname = filter.hostname().orElse(host);
    int port = filter.port().orElse(filter.scheme().isPresent() ? -1 : requestPort);
    boolean wellKnown = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = filter.path().map(m -> modify(seen.path(), m, prefix)).orElse(seen.path());
    String location = scheme + "://" + hostname + (port > 0 && !wellKnown ? ":" + port : "")
        + path + (seen.query().isEmpty() ? "" : "?" + seen.query());
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(filter.statusCode()), Unpooled.EMPTY_BUFFER);
    response.headers().set(HttpHeaderNames.LOCATION, location).setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return response;
  }
}
