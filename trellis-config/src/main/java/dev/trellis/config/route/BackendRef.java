package dev.trellis.config.route;

import java.util.List;
import java.util.Optional;

/**
 * A service a route sends (or mirrors) traffic to.
 *
 * @param group     "" (core), {@code core} or {@code trellis.dev}
 * @param kind      always {@code Service}
 * @param namespace the service's namespace; the route's when the document says none
 * @param name      the service's name
 * @param port      the service port, or empty for the port the request arrived on
 * @param weight    0..1000000, the share of the rule's traffic relative to its siblings' weights;
 *                  1 when the document says none (always 1 for a mirror)
 * @param filters   filters applied only to requests sent to this backend
 */
public record BackendRef(String group, String kind, String namespace, String name,
    Optional<Integer> port, int weight, List<RouteFilter> filters) {

  public BackendRef {
    filters = List.copyOf(filters);
  }
}
