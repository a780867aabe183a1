package dev.trellis.config.route;

import java.util.List;
import java.util.Optional;

/**
 * One rule of a {@code GRPCRoute}.
 *
 * @param name        the rule's optional name
 * @param matches     any one must match; empty matches every call
 * @param filters     header modifiers and mirrors, applied in order
 * @param backendRefs weighted backends
 */
public record GrpcRouteRule(Optional<String> name, List<GrpcRouteMatch> matches,
    List<RouteFilter> filters, List<BackendRef> backendRefs) {
  public GrpcRouteRule {
    matches = List.copyOf(matches);
    filters = List.copyOf(filters);
    backendRefs = List.copyOf(backendRefs);
  }
}
