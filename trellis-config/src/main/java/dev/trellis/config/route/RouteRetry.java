package dev.trellis.config.route;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A rule's retry settings (Gateway API {@code HTTPRouteRetry}); empty fields leave the decision
 * to the target's {@code TrafficPolicy} or the proxy default.
 *
 * @param codes    HTTP statuses (400..599) that are retried
 * @param attempts how many retries at most (0 disables retries)
 * @param backoff  the first wait between tries
 */
public record RouteRetry(List<Integer> codes, Optional<Integer> attempts,
    Optional<Duration> backoff) {
  public RouteRetry {
    codes = List.copyOf(codes);
  }
}
