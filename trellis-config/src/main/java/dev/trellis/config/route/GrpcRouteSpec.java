package dev.trellis.config.route;

import dev.trellis.config.Reference;
import dev.trellis.config.ResourceSpec;
import java.util.List;

/**
 * The spec of a {@code GRPCRoute} (Gateway API v1, GAMMA profile). {@code references} as in
 * {@link HttpRouteSpec}.
 *
 * @param parentRefs 1..32 services this route attaches to
 * @param hostnames  host names the route is limited to; empty for any
 * @param rules      1..16 rules
 */
public record GrpcRouteSpec(List<ParentRef> parentRefs, List<String> hostnames,
    List<GrpcRouteRule> rules, List<Reference> references) implements ResourceSpec {

  public GrpcRouteSpec {
    parentRefs = List.copyOf(parentRefs);
    hostnames = List.copyOf(hostnames);
    rules = List.copyOf(rules);
    references = List.copyOf(references);
  }
}
