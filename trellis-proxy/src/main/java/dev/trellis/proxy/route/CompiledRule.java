package dev.trellis.proxy.route;

import dev.trellis.config.route.RouteFilter;
import java.time.Duration;
import java.util.List;

/**
 * What a matched rule does with a request: its filters (those the proxy supports, in document
 * order), its weighted backends and its request timeout.
 *
 * @param route   the route's {@code namespace/name}, for errors and logs
 * @param index   the rule's position in its route (0-based)
 * @param filters request header modifiers, response header modifiers, URL rewrites and
 *                redirects, in order; mirrors are dropped when compiling
 * @param timeout the whole-request timeout, or null for none
 */
record CompiledRule(
    String route, int index, List<RouteFilter> filters, WeightedBackends backends, Duration timeout) {
  CompiledRule {
    filters = List.copyOf(filters);
  }

  /** {@code route default/catalog-split rule 1}, as errors name it. */
  String describe() {
    return "route " + route + " rule " + index;
  }
}
