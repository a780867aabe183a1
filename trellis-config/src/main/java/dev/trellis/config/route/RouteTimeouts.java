package dev.trellis.config.route;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-rule timeouts; empty means the route sets none (a policy or the proxy default applies), a
 * zero duration means no timeout at all (as in the Gateway API).
 *
 * @param request        the whole exchange, retries included
 * @param backendRequest one try to a backend; never longer than {@code request}
 */
public record RouteTimeouts(Optional<Duration> request, Optional<Duration> backendRequest) {
  public static final RouteTimeouts NONE = new RouteTimeouts(Optional.empty(), Optional.empty());
}
