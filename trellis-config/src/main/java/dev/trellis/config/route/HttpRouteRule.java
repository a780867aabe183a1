package dev.trellis.config.route;

import java.util.List;
import java.util.Optional;

/**
 * One rule of an {@code HTTPRoute}: which requests it takes, how it changes them and where it
 * sends them.
 *
 * @param name        the rule's optional name (for telemetry and errors)
 * @param matches     any one must match; a rule written without matches holds
 *                    {@link HttpRouteMatch#EVERY_REQUEST}
 * @param filters     applied in order before forwarding
 * @param backendRefs weighted backends; when empty (or all weights 0) requests get a 500
 * @param timeouts    never null; {@link RouteTimeouts#NONE} when the document says none
 * @param retry       empty when the document says none
 */
public record HttpRouteRule(Optional<String> name, List<HttpRouteMatch> matches,
    List<RouteFilter> filters, List<BackendRef> backendRefs, RouteTimeouts timeouts,
    Optional<RouteRetry> retry) {

  public HttpRouteRule {
    matches = List.copyOf(matches);
    filters = List.copyOf(filters);
    backendRefs = List.copyOf(backendRefs);
  }
}
