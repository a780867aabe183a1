package dev.trellis.config.route;

import java.util.Optional;

/**
 * A change a route makes to requests or responses on their way; one record per Gateway API
 * filter type Trellis supports ({@code ExtensionRef} is refused when loading).
 */
public sealed interface RouteFilter {

  /** Edits request headers before the request is forwarded. */
  record RequestHeaderModifier(HeaderEdits edits) implements RouteFilter {}

  /** Edits response headers before the response is returned. */
  record ResponseHeaderModifier(HeaderEdits edits) implements RouteFilter {}

  /**
   * Answers with a redirect instead of forwarding. Empty fields keep the request's value.
   *
   * @param scheme     {@code http} or {@code https}
   * @param statusCode 301, 302, 303, 307 or 308; 302 when the document says none
   */
  record RequestRedirect(Optional<String> scheme, Optional<String> hostname,
      Optional<PathModifier> path, Optional<Integer> port, int statusCode) implements RouteFilter {}

  /** Rewrites the request before forwarding. Empty fields keep the request's value. */
  record UrlRewrite(Optional<String> hostname, Optional<PathModifier> path)
      implements RouteFilter {}

  /**
   * Sends a copy of requests to another backend and ignores its responses.
   *
   * @param backendRef where copies go (weight 1, no filters)
   * @param percent    0..100 of requests mirrored; 100 when the document says none
   */
  record RequestMirror(BackendRef backendRef, int percent) implements RouteFilter {}
}
