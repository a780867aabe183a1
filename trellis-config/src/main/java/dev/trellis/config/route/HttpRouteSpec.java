package dev.trellis.config.route;

import dev.trellis.config.Reference;
import dev.trellis.config.ResourceSpec;
import java.util.List;

/**
 * The spec of an {@code HTTPRoute} (Gateway API v1, GAMMA profile): rules for HTTP calls to the
 * services named in {@code parentRefs}.
 *
 * <p>{@code references} holds the parent services (PARENT) and every backend and mirror backend
 * (BACKEND), with the field path and source line of each; since lines are part of it, compare
 * resources by their documents, not their specs, to tell whether a route changed.
 *
 * @param parentRefs 1..32 services this route attaches to
 * @param hostnames  host names the route is limited to; empty for any
 * @param rules      1..16 rules, in document order (the proxy orders them by specificity)
 */
public record HttpRouteSpec(List<ParentRef> parentRefs, List<String> hostnames,
    List<HttpRouteRule> rules, List<Reference> references) implements ResourceSpec {

  public HttpRouteSpec {
    parentRefs = List.copyOf(parentRefs);
    hostnames = List.copyOf(hostnames);
    rules = List.copyOf(rules);
    references = List.copyOf(references);
  }
}
